namespace Eigenpal.Submissions.Queries;

/// <summary>
/// One page of the submissions list (<see cref="SubmissionQueries.PageAsync"/>), newest change first.
/// Unset members do not filter. Every filter is served by an index that leads with the state, so a
/// page reads about <see cref="Limit"/> rows per state asked for, whatever the store holds.
/// </summary>
public sealed record SubmissionPageQuery
{
    /// <summary>The states to list; empty lists every state.</summary>
    public IReadOnlyList<SubmissionState> States { get; init; } = [];

    /// <summary>Only this workflow.</summary>
    public string? Workflow { get; init; }

    /// <summary>Only this batch.</summary>
    public Guid? BatchId { get; init; }

    /// <summary>Only submissions whose state changed at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Start after this row (the previous page's <see cref="SubmissionPage.Next"/>).</summary>
    public PageCursor? After { get; init; }

    /// <summary>The most rows on the page.</summary>
    public int Limit { get; init; } = 50;
}
