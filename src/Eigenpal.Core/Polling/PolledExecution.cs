namespace Eigenpal.Polling;

/// <summary>
/// A claimed execution and what one poll cycle learned of it: an observation, a failure, or
/// neither (not asked, because a 429 paused the fleet or the job was stopped); and when to look again.
/// </summary>
internal sealed record PolledExecution(DueExecution Execution, ExecutionObservation? Observation, PollFailure? Failure, TimeSpan NextDelay);
