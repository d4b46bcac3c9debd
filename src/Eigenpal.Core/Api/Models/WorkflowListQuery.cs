namespace Eigenpal.Api;

/// <summary>Filters and paging for <see cref="WorkflowsClient.ListAsync"/>. Unset values are left out of the request.</summary>
public sealed record WorkflowListQuery
{
    /// <summary>Substring match on the workflow name (<c>search</c>).</summary>
    public string? Search { get; init; }

    /// <summary>Exact match on the workflow name, i.e. its slug (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Only workflows or only blocks (<c>kind</c>).</summary>
    public WorkflowKind? Kind { get; init; }

    /// <summary>Page size (<c>limit</c>); the server default is 50 and its maximum 100.</summary>
    public int? Limit { get; init; }

    /// <summary>Page offset (<c>offset</c>).</summary>
    public int? Offset { get; init; }
}
