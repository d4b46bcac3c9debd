namespace Eigenpal.Polling;

/// <summary>
/// What one poll cycle learned about the executions it claimed (and about others a list page
/// showed), gathered while gets run in parallel, and then turned into what is recorded.
/// </summary>
internal sealed class PollCycle
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ExecutionObservation> _observed = [];
    private readonly Dictionary<Guid, PollFailure> _failed = [];
    private readonly Dictionary<Guid, PolledExecution> _alsoSeen = [];

    public int ListCalls { get; private set; }

    public int GetCalls { get; private set; }

    /// <summary>Set when a 429 stopped the cycle: the wait the API asked for, if it said.</summary>
    public TimeSpan? Pause { get; private set; }

    public void CountListCall() => ListCalls++;

    public void CountGetCalls(int count) => GetCalls += count;

    public void Paused(TimeSpan? retryAfter) => Pause = retryAfter;

    public bool IsAnswered(Guid id)
    {
        lock (_gate)
        {
            return _observed.ContainsKey(id);
        }
    }

    /// <summary>Records an observation of a claimed execution; false if it was answered already.</summary>
    public bool Observed(Guid id, ExecutionObservation observation)
    {
        lock (_gate)
        {
            return _observed.TryAdd(id, observation);
        }
    }

    /// <summary>What was observed of a claimed execution, or null (failed, or not asked).</summary>
    public ExecutionObservation? ObservationOf(Guid id)
    {
        lock (_gate)
        {
            return _observed.GetValueOrDefault(id);
        }
    }

    public void Failed(Guid id, PollFailure failure)
    {
        lock (_gate)
        {
            _failed[id] = failure;
        }
    }

    /// <summary>Records what a list page showed of an execution this cycle did not claim.</summary>
    public void AlsoSeen(PolledExecution polled)
    {
        lock (_gate)
        {
            _alsoSeen[polled.Execution.Id] = polled;
        }
    }

    public int FailedCount
    {
        get
        {
            lock (_gate)
            {
                return _failed.Count;
            }
        }
    }

    /// <summary>
    /// Everything to record, with when to look again: an observed execution follows its age's
    /// schedule; a failed one backs off by its consecutive failures; one not asked (429, stop)
    /// is looked at again after MinInterval, or after the pause the API asked for if longer.
    /// </summary>
    public List<PolledExecution> ToRecord(IReadOnlyList<DueExecution> claimed, PollSchedule schedule, TimeSpan minInterval, Func<double> random)
    {
        lock (_gate)
        {
            var notAskedDelay = Pause is { } pause && pause > minInterval ? pause : minInterval;
            var polled = claimed.Select(d =>
                _observed.TryGetValue(d.Id, out var observation) ? new PolledExecution(d, observation, null, schedule.NextDelay(d.Age, random()))
                : _failed.TryGetValue(d.Id, out var failure) ? new PolledExecution(d, null, failure, schedule.NextDelayAfterFailure(d.Age, d.PollFailures + 1, random()))
                : new PolledExecution(d, null, null, notAskedDelay)).ToList();
            polled.AddRange(_alsoSeen.Values.Where(p => !_observed.ContainsKey(p.Execution.Id)));
            return polled;
        }
    }
}
