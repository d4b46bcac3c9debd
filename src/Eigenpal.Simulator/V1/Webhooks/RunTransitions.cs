using Eigenpal.Simulator.Engine;

namespace Eigenpal.Simulator.V1.Webhooks;

/// <summary>
/// The statuses an execution has been stored in up to a moment, in order, each with when: its
/// planned steps, cut where a cancel took effect and ended by <c>cancelled</c> then.
/// </summary>
internal static class RunTransitions
{
    public static List<StatusStep> Reached(Execution execution, DateTimeOffset now)
    {
        var plan = execution.Plan;
        var cancelled = execution.StatusAt(now) == ExecutionStatus.Cancelled && plan.Terminal.Status != ExecutionStatus.Cancelled;
        var reached = new List<StatusStep>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            if (step.At > now || (cancelled && step.At >= execution.EndsAt))
            {
                break;
            }

            reached.Add(step);
        }

        if (cancelled)
        {
            reached.Add(new StatusStep(ExecutionStatus.Cancelled, execution.EndsAt));
        }

        return reached;
    }
}
