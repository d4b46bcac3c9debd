namespace Eigenpal.Simulator.Workflows;

/// <summary>What a declared workflow input accepts.</summary>
internal enum WorkflowInputKind
{
    File,
    Text,
}
