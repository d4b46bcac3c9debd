using System.Text.Json;

namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>
/// ExecutionSummary (list items). <c>durationMs</c> and <c>observability</c> are deliberately not
/// members: the official smoke check fails when a list item carries them.
/// </summary>
internal sealed record ExecutionSummaryResponse(
    string Id,
    string WorkflowId,
    string Status,
    string CreatedAt,
    string TriggerType,
    JsonElement? TriggerInput,
    JsonElement? Result,
    string? Error,
    string? StartedAt,
    string? CompletedAt,
    WorkflowRefResponse Workflow);
