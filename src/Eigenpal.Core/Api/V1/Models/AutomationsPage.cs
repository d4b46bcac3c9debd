namespace Eigenpal.Api.V1;

/// <summary>One page of <see cref="AutomationsClient.ListAsync"/> (<c>{data, total, limit, offset}</c>).</summary>
/// <param name="Data">The automations of this page.</param>
/// <param name="Total">How many match across all pages.</param>
/// <param name="Limit">The page size the server applied.</param>
/// <param name="Offset">The offset of the first item.</param>
public sealed record AutomationsPage(IReadOnlyList<AutomationSummary> Data, int Total, int Limit, int Offset);
