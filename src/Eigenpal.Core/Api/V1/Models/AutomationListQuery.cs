namespace Eigenpal.Api.V1;

/// <summary>Filters and paging of <see cref="AutomationsClient.ListAsync"/>; unset values are left out.</summary>
public sealed record AutomationListQuery
{
    /// <summary><c>search</c>: a substring of the slug, name or description.</summary>
    public string? Search { get; init; }

    /// <summary><c>type</c>: <c>workflow</c> or <c>agent</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>limit</c>: 1 to 100.</summary>
    public int? Limit { get; init; }

    /// <summary><c>offset</c>, from 0.</summary>
    public int? Offset { get; init; }
}
