using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Workflows;

/// <summary>The effective behaviour of a workflow: defaults merged with configured overrides.</summary>
internal sealed record WorkflowBehaviour(DurationOptions Duration, double FailureRate, double RejectionRate, bool ApiTriggerEnabled)
{
    public WorkflowBehaviour With(WorkflowBehaviourOptions? overrides) => overrides is null
        ? this
        : new WorkflowBehaviour(
            overrides.Duration ?? Duration,
            overrides.FailureRate ?? FailureRate,
            overrides.RejectionRate ?? RejectionRate,
            overrides.ApiTriggerEnabled ?? ApiTriggerEnabled);
}
