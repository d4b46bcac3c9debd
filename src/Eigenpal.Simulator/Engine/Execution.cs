using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// One execution: an immutable plan plus the only mutable fact, a cancel request. Its status is
/// computed from the plan and the time of asking, which keeps 10,000s of executions cheap.
/// </summary>
internal sealed class Execution
{
    private readonly Lock gate = new();

    // When a cancel takes effect, as UTC ticks (0 = no cancel). Written once under the lock, read
    // lock-free: a long is read atomically, a DateTimeOffset? is not.
    private long cancelAtTicks;

    public Execution(string id, long sequence, WorkflowDefinition workflow, string versionId, string triggerType, RecordedInput input, string inputKey, ExecutionPlan plan)
    {
        Id = id;
        Sequence = sequence;
        Workflow = workflow;
        VersionId = versionId;
        TriggerType = triggerType;
        Input = input;
        InputKey = inputKey;
        Plan = plan;
    }

    public string Id { get; }

    /// <summary>
    /// The creation number of the client run, which seeds its randomness; a look-alike carries
    /// the number of the run it imitates, so look-alikes never shift the client runs' seeds.
    /// </summary>
    public long Sequence { get; }

    public WorkflowDefinition Workflow { get; }

    public string VersionId { get; }

    public string TriggerType { get; }

    /// <summary>The input as kept for <c>triggerInput</c>; shown according to the modes in force.</summary>
    public RecordedInput Input { get; }

    /// <summary>Hash of workflow + canonical input, to count duplicate submissions.</summary>
    public string InputKey { get; }

    public ExecutionPlan Plan { get; }

    public DateTimeOffset CreatedAt => Plan.Steps[0].At;

    private DateTimeOffset? CancelAt =>
        Volatile.Read(ref cancelAtTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public string StatusAt(DateTimeOffset now) =>
        CancelAt is { } c && now >= c ? ExecutionStatus.Cancelled : Plan.StatusAt(now);

    /// <summary>
    /// Created/pending executions are cancelled at once; running ones at their next status change
    /// (the checkpoint where a real worker would notice); terminal ones are left alone.
    /// </summary>
    public CancelOutcome Cancel(DateTimeOffset now)
    {
        lock (gate)
        {
            var was = StatusAt(now);
            if (ExecutionStatus.IsTerminal(was))
            {
                return new CancelOutcome(CancelOutcome.AlreadyTerminal, was);
            }

            if (CancelAt is not null)
            {
                return new CancelOutcome(CancelOutcome.CancellationRequested, was);
            }

            if (was is ExecutionStatus.Created or ExecutionStatus.Pending)
            {
                SetCancelAt(now);
                return new CancelOutcome(CancelOutcome.CancelledNow, was);
            }

            SetCancelAt(Plan.NextChangeAfter(now));
            return new CancelOutcome(CancelOutcome.CancellationRequested, was);
        }
    }

    private void SetCancelAt(DateTimeOffset at) => Volatile.Write(ref cancelAtTicks, at.UtcTicks);

    /// <summary>When the execution is (or will be) terminal, counting a pending cancel.</summary>
    public DateTimeOffset EndsAt =>
        CancelAt is { } c && c < Plan.Terminal.At ? c : Plan.Terminal.At;

    public ExecutionView ViewAt(DateTimeOffset now)
    {
        var cancel = CancelAt;
        var cancelled = cancel is { } c0 && now >= c0 && c0 <= Plan.Terminal.At;
        var status = StatusAt(now);
        var terminal = ExecutionStatus.IsTerminal(status);
        DateTimeOffset? completedAt = terminal ? (cancelled ? cancel : Plan.Terminal.At) : null;
        var startedAt = Plan.ReachedAt(ExecutionStatus.Running) is { } s && s <= now && (cancel is null || s < cancel) ? s : (DateTimeOffset?)null;
        var failure = !cancelled && terminal ? Plan.Failure : null;
        return new ExecutionView(
            this,
            status,
            startedAt,
            completedAt,
            status == ExecutionStatus.Completed ? Plan.Result : null,
            status is ExecutionStatus.Failed or ExecutionStatus.Rejected ? Plan.Error : null,
            failure,
            failure is null ? null : Plan.Terminal.At,
            PhasesAt(now, cancel));
    }

    private List<PhaseView> PhasesAt(DateTimeOffset now, DateTimeOffset? cancel)
    {
        var phases = new List<PhaseView>(Plan.Phases.Count);
        var planEnded = now >= Plan.Terminal.At;
        var cancelEffective = cancel is { } c && now >= c;
        foreach (var p in Plan.Phases)
        {
            if (cancel is { } cut && p.Start >= cut)
            {
                phases.Add(new PhaseView(p.Name, p.Order, cancelEffective ? "skipped" : "pending", null, null, null));
                continue;
            }

            if (p.Skipped)
            {
                phases.Add(new PhaseView(p.Name, p.Order, planEnded ? "skipped" : "pending", null, null, null));
                continue;
            }

            var end = cancel is { } cc && cc < p.End ? cc : p.End;
            if (now < p.Start)
            {
                phases.Add(new PhaseView(p.Name, p.Order, "pending", null, null, null));
            }
            else if (now < end)
            {
                phases.Add(new PhaseView(p.Name, p.Order, "running", p.Start, null, null));
            }
            else
            {
                var cutHere = cancel is { } x && x > p.Start && x <= p.End;
                var state = cutHere ? "cancelled" : p.Failed ? "failed" : "completed";
                phases.Add(new PhaseView(p.Name, p.Order, state, p.Start, end, p.Failed && !cutHere ? Plan.Failure?.Code : null));
            }
        }

        return phases;
    }
}
