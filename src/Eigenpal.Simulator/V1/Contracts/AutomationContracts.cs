using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Contracts;

/// <summary>AutomationDetail (§6.2); list items are the same without the schemas (§6.1).</summary>
internal sealed record AutomationResponse(
    string Id,
    string Type,
    string Slug,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    string CreatedAt,
    string? Description,
    string? Status,
    string? Version,
    AutomationTriggersState? Triggers,
    bool? ImplementationAvailable,
    string? UpdatedAt,
    JsonElement? InputSchema = null,
    JsonElement? OutputSchema = null);

/// <summary>The trigger state of an automation (§6.4).</summary>
internal sealed record AutomationTriggersState(bool Api, bool Email, bool Manual, bool Cron);

/// <summary>The answer of <c>GET /v1/automations/{id}/triggers</c>.</summary>
internal sealed record AutomationTriggersResponse(string AutomationId, string Type, AutomationTriggersState Triggers);

/// <summary>AutomationVersion (§6.3).</summary>
internal sealed record AutomationVersionResponse(
    string Id,
    string AutomationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Version,
    bool IsCurrent,
    string CreatedAt);

/// <summary>The answer of <c>GET /v1/auth/check</c> (§6.5): all ten keys, the nullable ones as null.</summary>
internal sealed record AuthCheckResponse(
    bool Ok,
    string TenantId,
    string TenantSlug,
    string KeyId,
    IReadOnlyList<string> Scope,
    bool WildcardGranted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TenantName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? UserId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name);
