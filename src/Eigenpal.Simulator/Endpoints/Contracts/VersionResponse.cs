namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>WorkflowVersion.</summary>
internal sealed record VersionResponse(string Id, string WorkflowId, string? Version, string YamlContent, bool IsCurrent, string CreatedAt);
