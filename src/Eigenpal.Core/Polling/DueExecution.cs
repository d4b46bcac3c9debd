namespace Eigenpal.Polling;

/// <summary>An execution claimed for polling.</summary>
internal sealed record DueExecution(
    Guid Id, Guid SubmissionId, int Attempt, string Workflow, string RemoteId, string Status, DateTimeOffset SentAt, TimeSpan Age);
