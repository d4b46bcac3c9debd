namespace Eigenpal.Submissions.Queries;

/// <summary>A submission whose id starts or ends with a typed fragment, with what tells it apart from others.</summary>
public sealed record SubmissionIdCandidate(Guid Id, string? SourceName, string Workflow, string State, DateTimeOffset CreatedAt);
