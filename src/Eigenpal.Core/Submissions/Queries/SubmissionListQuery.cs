namespace Eigenpal.Submissions.Queries;

/// <summary>The filters of <see cref="SubmissionQueries.ListAsync"/>; unset members do not filter.</summary>
public sealed record SubmissionListQuery
{
    /// <summary>Submission states to include (see <see cref="SubmissionState"/>); empty includes every state.</summary>
    public IReadOnlyList<string> States { get; init; } = [];

    /// <summary>Only submissions updated at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Batch and workflow filters.</summary>
    public SubmissionFilter Filter { get; init; } = new();

    /// <summary>The most rows returned, newest first.</summary>
    public int Limit { get; init; } = 50;
}
