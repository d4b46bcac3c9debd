namespace Eigenpal.Polling;

/// <summary>
/// An execution claimed for polling, with how many polls of it have failed in a row, the surface its run was sent on
/// (and is polled on), and its submission's stored trace context (null unless it was recorded while traced).
/// </summary>
internal sealed record DueExecution(
    Guid Id, Guid SubmissionId, int Attempt, string Workflow, string RemoteId, string Status, DateTimeOffset SentAt, TimeSpan Age, int PollFailures,
    Surfaces.ApiSurface Surface, string? TraceParent = null);
