namespace Eigenpal.Api;

/// <summary>A short reference to a workflow, carried by <see cref="ExecutionSummary.Workflow"/>.</summary>
/// <param name="Id">The workflow id.</param>
/// <param name="Name">The workflow name (slug).</param>
public sealed record WorkflowRef(string Id, string? Name = null);
