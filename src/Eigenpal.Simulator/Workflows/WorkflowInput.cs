namespace Eigenpal.Simulator.Workflows;

/// <summary>A declared input of a workflow.</summary>
internal sealed record WorkflowInput(string Name, WorkflowInputKind Kind, bool Required);
