namespace Eigenpal.Polling;

/// <summary>An execution claimed for polling, with how many polls of it have failed in a row.</summary>
internal sealed record DueExecution(
    Guid Id, Guid SubmissionId, int Attempt, string Workflow, string RemoteId, string Status, DateTimeOffset SentAt, TimeSpan Age, int PollFailures);
