using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// Lays out an execution's statuses and phases over its drawn duration, and decides its outcome.
/// Shares of the total duration: created 5 %, pending 10 %, running 45 %, waiting 20 %, finalizing 20 %.
/// Rejections end after pending; failures end inside the phase they belong to.
/// </summary>
internal static class TimelinePlanner
{
    private const double PendingAt = 0.05;
    private const double RunningAt = 0.15;
    private const double WorkAt = 0.25;
    private const double WaitingAt = 0.60;
    private const double FinalizingAt = 0.80;

    public static ExecutionPlan Plan(WorkflowDefinition workflow, WorkflowOutcome outcome, DateTimeOffset now, double timeScale, Random random)
    {
        var behaviour = workflow.Behaviour;
        var totalMs = Math.Max(0, DurationSampler.SampleMs(behaviour.Duration, random)) * timeScale;
        DateTimeOffset At(double share) => now + TimeSpan.FromMilliseconds(totalMs * share);

        // Draw both numbers every time so a seed gives the same sequence whatever the rates are.
        var roll = random.NextDouble();
        var failurePick = random.Next(FailureInfo.RandomFailures.Count);
        var failureSpot = random.NextDouble();

        var phases = new List<(string Name, double Start, double End)>
        {
            ("queued", 0, RunningAt),
            ("preparing_inputs", RunningAt, WorkAt),
            ("running", WorkAt, FinalizingAt),
            ("finalizing", FinalizingAt, 1.0),
        };
        var statuses = new List<(string Status, double Share)>
        {
            (ExecutionStatus.Created, 0),
            (ExecutionStatus.Pending, PendingAt),
            (ExecutionStatus.Running, RunningAt),
            (ExecutionStatus.Waiting, WaitingAt),
            (ExecutionStatus.Finalizing, FinalizingAt),
        };

        FailureInfo? failure;
        string terminalStatus;
        double endShare;
        if (roll < behaviour.RejectionRate)
        {
            (failure, terminalStatus, endShare) = (FailureInfo.Rejection, ExecutionStatus.Rejected, RunningAt);
        }
        else if (outcome.FailureCode is { } code)
        {
            failure = new FailureInfo("preparing_inputs", code, "input", false, outcome.FailureMessage ?? code);
            (terminalStatus, endShare) = (ExecutionStatus.Failed, WorkAt);
        }
        else if (roll < behaviour.RejectionRate + behaviour.FailureRate)
        {
            failure = FailureInfo.RandomFailures[failurePick];
            var phase = phases.First(p => p.Name == failure.Phase);
            (terminalStatus, endShare) = (ExecutionStatus.Failed, phase.Start + ((phase.End - phase.Start) * (0.2 + (0.6 * failureSpot))));
        }
        else
        {
            (failure, terminalStatus, endShare) = (null, ExecutionStatus.Completed, 1.0);
        }

        var steps = statuses.Where(s => s.Share < endShare).Select(s => new StatusStep(s.Status, At(s.Share))).ToList();
        steps.Add(new StatusStep(terminalStatus, At(endShare)));

        var planned = phases.Select((p, i) => new PlannedPhase(
            p.Name,
            i + 1,
            At(p.Start),
            At(Math.Min(p.End, endShare)),
            Failed: failure is not null && p.Name == failure.Phase,
            Skipped: p.Start >= endShare)).ToList();

        var error = failure is null ? null
            : terminalStatus == ExecutionStatus.Rejected ? $"Execution rejected: {failure.UserMessage}"
            : $"{failure.Code}: {failure.UserMessage}";
        return new ExecutionPlan(steps, planned, terminalStatus == ExecutionStatus.Completed ? outcome.Result : null, error, failure);
    }
}
