namespace Eigenpal.Submissions.Queries;

/// <summary>A page of the submissions list and where the next one starts.</summary>
/// <param name="Items">The rows, newest change first.</param>
/// <param name="Next">The cursor of the next page; null on the last page.</param>
public sealed record SubmissionPage(IReadOnlyList<SubmissionListItem> Items, PageCursor? Next);

/// <summary>A listed submission with what its latest attempt said when it did not complete.</summary>
/// <param name="Submission">The submission.</param>
/// <param name="Error">The latest attempt's error text, when it failed or was refused.</param>
/// <param name="FailureCategory">The API's failure category, when given.</param>
/// <param name="RequestId">The API's request id of the failure, when recorded (what support asks for).</param>
public sealed record SubmissionListItem(SubmissionSummary Submission, string? Error, string? FailureCategory, string? RequestId);
