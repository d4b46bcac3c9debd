namespace Eigenpal.Polling;

/// <summary>
/// Why one get of an execution failed. <see cref="NotFound"/> marks a 404, the only answer that
/// counts towards <see cref="PollingOptions.NotFoundTimeout"/>; other failures (5xx, timeouts, no
/// connection) prove neither that the execution exists nor that it is gone.
/// </summary>
internal sealed record PollFailure(string Error, bool NotFound);
