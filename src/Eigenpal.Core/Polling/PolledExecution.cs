namespace Eigenpal.Polling;

/// <summary>A claimed execution, what was observed of it (null if it could not be polled), and when to look again.</summary>
internal sealed record PolledExecution(DueExecution Execution, ExecutionObservation? Observation, TimeSpan NextDelay);
