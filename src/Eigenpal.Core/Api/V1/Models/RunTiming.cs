namespace Eigenpal.Api.V1;

/// <summary>When a run was created, started, completed and asked to cancel (<c>timing</c>).</summary>
/// <param name="CreatedAt">When the run was created (the server's clock).</param>
/// <param name="StartedAt">When it started running.</param>
/// <param name="CompletedAt">When it reached a terminal status.</param>
/// <param name="DurationMs">Wall-clock time in milliseconds, once known.</param>
/// <param name="CancelRequestedAt">When a cancel was requested; the status may stay <c>running</c> until the run stops.</param>
public sealed record RunTiming(
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? CompletedAt = null,
    double? DurationMs = null,
    DateTimeOffset? CancelRequestedAt = null);
