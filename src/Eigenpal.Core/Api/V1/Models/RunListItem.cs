namespace Eigenpal.Api.V1;

/// <summary>
/// A run as listed by <see cref="RunsClient.ListAsync"/>. List items carry no output, input or metadata:
/// get the run (<see cref="RunsClient.GetAsync"/>) for those.
/// </summary>
/// <param name="Id">The run id.</param>
/// <param name="Type"><c>workflow</c> or <c>agent</c>.</param>
/// <param name="Finished">Whether <see cref="RunExecutionMeta.Status"/> is terminal.</param>
/// <param name="Timing">Creation, start and completion times.</param>
/// <param name="Source">The owning automation.</param>
/// <param name="Trigger">How it was started.</param>
/// <param name="Execution">The status and retry chain.</param>
/// <param name="Error">The error message of a failed run.</param>
/// <param name="SampleRank">A stable pseudo-random value in [0, 1), used by the <c>sampleRate</c> filter.</param>
public sealed record RunListItem(
    string Id,
    string Type,
    bool Finished,
    RunTiming Timing,
    RunSource Source,
    RunTriggerInfo? Trigger,
    RunExecutionMeta Execution,
    string? Error = null,
    double? SampleRank = null)
{
    /// <summary>The run's status, <c>execution.status</c>.</summary>
    public ExecutionStatus Status => Execution.Status;
}
