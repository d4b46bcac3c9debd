namespace Eigenpal.Simulator.Options;

/// <summary>
/// One input a workflow declares, when configuration replaces a built-in workflow's inputs
/// (<see cref="WorkflowBehaviourOptions.Inputs"/>): e.g. a workflow that takes two files, to try how
/// a client picks among them. The inputs shape the YAML, the v1 <c>inputSchema</c> and the checks
/// of every start alike.
/// </summary>
public sealed class WorkflowInputOptions
{
    /// <summary>The input's name, as a start must send it.</summary>
    public string Name { get; set; } = "";

    /// <summary>True for a file input; false for a text input.</summary>
    public bool File { get; set; }

    /// <summary>True when a start without this input is refused (400, "Input '…' is required.").</summary>
    public bool Required { get; set; }
}
