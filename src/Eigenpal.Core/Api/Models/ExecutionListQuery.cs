namespace Eigenpal.Api;

/// <summary>Filters and paging for <see cref="ExecutionsClient.ListAsync"/>. Unset values are left out of the request.</summary>
public sealed record ExecutionListQuery
{
    /// <summary>Only executions in one of these statuses; sent as <c>status=failed,cancelled</c>.</summary>
    public IReadOnlyList<ExecutionStatus>? Statuses { get; init; }

    /// <summary>Lower bound on <c>createdAt</c> (<c>fromDate</c>): an instant or a relative expression such as <c>now()-7d</c>.</summary>
    public DateBound? From { get; init; }

    /// <summary>Upper bound on <c>createdAt</c> (<c>toDate</c>): an instant or a relative expression such as <c>now()</c>.</summary>
    public DateBound? To { get; init; }

    /// <summary>Only executions started from this evaluation example (<c>exampleId</c>).</summary>
    public string? ExampleId { get; init; }

    /// <summary>Page size (<c>limit</c>). Its bounds are set by the server, which may cap it.</summary>
    public int? Limit { get; init; }

    /// <summary>Page offset (<c>offset</c>).</summary>
    public int? Offset { get; init; }
}
