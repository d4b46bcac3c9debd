namespace Eigenpal.Submissions.Queries;

/// <summary>One submission as listed by <c>eigenpal list</c>.</summary>
/// <param name="Id">The submission id.</param>
/// <param name="BatchId">The batch it was recorded in.</param>
/// <param name="Workflow">The workflow.</param>
/// <param name="SourceName">What a person recognises it by (a file name, a manifest row).</param>
/// <param name="State">Its <see cref="SubmissionState"/>.</param>
/// <param name="Reason">Why it is in that state (an error, a refusal), when recorded.</param>
/// <param name="Attempt">How many attempts were started.</param>
/// <param name="RemoteId">The remote execution id of the latest attempt, when there is one.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="UpdatedAt">When its state last changed.</param>
public sealed record SubmissionSummary(
    Guid Id,
    Guid? BatchId,
    string Workflow,
    string? SourceName,
    string State,
    string? Reason,
    int Attempt,
    string? RemoteId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
