namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>
/// WorkflowSummary and WorkflowDetail alike: <c>yamlContent</c> is never sent, because the
/// official smoke check fails when it is present, even as null.
/// </summary>
internal sealed record WorkflowResponse(string Id, string CreatedAt, string? Name, string? Version, string? UpdatedAt);
