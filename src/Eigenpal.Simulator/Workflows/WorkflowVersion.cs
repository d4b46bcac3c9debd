namespace Eigenpal.Simulator.Workflows;

/// <summary>A released version of a workflow, pinnable by id (<c>wfh_…</c>) or by tag.</summary>
internal sealed record WorkflowVersion(string Id, string Tag, string YamlContent, DateTimeOffset CreatedAt, bool IsCurrent);
