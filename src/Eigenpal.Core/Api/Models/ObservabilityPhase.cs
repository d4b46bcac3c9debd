namespace Eigenpal.Api;

/// <summary>One phase of an execution.</summary>
/// <param name="ExecutionId">The execution id.</param>
/// <param name="Phase">The phase: <c>queued</c>, <c>starting</c>, <c>preparing_environment</c>, <c>installing_dependencies</c>, <c>preparing_inputs</c>, <c>running</c>, <c>collecting_outputs</c> or <c>finalizing</c>.</param>
/// <param name="PhaseOrder">The position of the phase.</param>
/// <param name="Status">The phase status: <c>pending</c>, <c>running</c>, <c>completed</c>, <c>failed</c>, <c>skipped</c> or <c>cancelled</c>.</param>
/// <param name="StartedAt">When the phase started.</param>
/// <param name="CompletedAt">When the phase ended.</param>
/// <param name="Message">A progress message.</param>
/// <param name="FailureCode">A failure code, when the phase failed.</param>
/// <param name="DurationMs">How long the phase took, in milliseconds.</param>
public sealed record ObservabilityPhase(
    string ExecutionId,
    string Phase,
    int PhaseOrder,
    string Status,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? CompletedAt = null,
    string? Message = null,
    string? FailureCode = null,
    long? DurationMs = null);
