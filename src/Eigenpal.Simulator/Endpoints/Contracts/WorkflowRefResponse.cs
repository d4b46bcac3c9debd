namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>The owning workflow of an execution list item.</summary>
internal sealed record WorkflowRefResponse(string Id, string Name);
