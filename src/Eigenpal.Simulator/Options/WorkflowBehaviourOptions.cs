namespace Eigenpal.Simulator.Options;

/// <summary>
/// How one workflow behaves: how long its executions take and how often they fail or are rejected.
/// Any property left unset keeps the built-in workflow's default.
/// </summary>
public sealed class WorkflowBehaviourOptions
{
    /// <summary>Distribution of an execution's total duration, before <see cref="SimulatorOptions.TimeScale"/>.</summary>
    public DurationOptions? Duration { get; set; }

    /// <summary>Fraction of executions (0..1) that end <c>failed</c>.</summary>
    public double? FailureRate { get; set; }

    /// <summary>Fraction of executions (0..1) that end <c>rejected</c> before they start running.</summary>
    public double? RejectionRate { get; set; }

    /// <summary>False makes run requests answer 403, as when API triggering is switched off.</summary>
    public bool? ApiTriggerEnabled { get; set; }

    /// <summary>
    /// Replaces the inputs the workflow declares (unset or empty: the built-in ones). Its own logic
    /// still reads the built-in names, so runs of a workflow redeclared this way are for checking
    /// what a client sends rather than for the output.
    /// </summary>
    public IList<WorkflowInputOptions>? Inputs { get; set; }
}
