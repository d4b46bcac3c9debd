namespace Eigenpal.Api.V1;

/// <summary>
/// Filters of <see cref="RunsClient.ListAsync"/> (<c>GET {prefix}/runs</c>); unset values are left out.
/// Timestamps are sent as ISO-8601 UTC with milliseconds (<c>2026-12-01T23:12:37.123Z</c>), rounded outward
/// (an after-bound down, a before-bound up) so that a window never loses a run to rounding.
/// </summary>
public sealed record RunListQuery
{
    /// <summary><c>type</c>: <c>workflow</c> or <c>agent</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>source</c>: the id of the owning automation (<see cref="RunSource.Id"/>, <see cref="AutomationSummary.Id"/>).</summary>
    public string? Source { get; init; }

    /// <summary><c>status</c>, comma-joined: runs in any of these statuses.</summary>
    public IReadOnlyList<ExecutionStatus>? Statuses { get; init; }

    /// <summary><c>createdAfter</c>.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary><c>createdBefore</c>.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary><c>completedAfter</c>.</summary>
    public DateTimeOffset? CompletedAfter { get; init; }

    /// <summary><c>completedBefore</c>.</summary>
    public DateTimeOffset? CompletedBefore { get; init; }

    /// <summary><c>limit</c>: the page size, 1 to 100 (the server's default when unset is not published).</summary>
    public int? Limit { get; init; }

    /// <summary><c>cursor</c>: where to start, a <see cref="RunsPage.NextCursor"/> of an earlier page.</summary>
    public string? Cursor { get; init; }

    /// <summary><c>ids</c>, comma-joined: only these runs (the parameter's meaning is inferred, not documented).</summary>
    public IReadOnlyList<string>? Ids { get; init; }
}
