using System.Text.Json;

namespace Eigenpal.Simulator.V1.Contracts;

/// <summary>
/// A webhook event (reference §14): <c>id</c> (<c>whev_…</c>, the deduplication key), <c>type</c>,
/// <c>apiVersion</c>, <c>createdAt</c> (when the status was stored), <c>test</c> and <c>data</c>.
/// </summary>
internal sealed record WebhookEventBody(string Id, string Type, string ApiVersion, string CreatedAt, bool Test, WebhookEventData Data);

/// <summary>
/// The event's <c>data</c>: the run, and on <c>run.status_changed</c> the two statuses. The guide
/// does not say where these sit; the simulator puts them beside <c>run</c>.
/// </summary>
internal sealed record WebhookEventData(WebhookRunData Run, string? PreviousStatus, string? CurrentStatus);

/// <summary>The run in an event; <c>output</c> only once it completed.</summary>
internal sealed record WebhookRunData(string Id, string Type, string AutomationId, string Status, string? TriggerType, JsonElement? Output);
