namespace Eigenpal.Api;

/// <summary>One page of a list endpoint.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Data">The items of this page.</param>
/// <param name="Total">The number of items matching the query across all pages.</param>
/// <param name="Limit">The page size the server applied.</param>
/// <param name="Offset">The offset of the first item of this page.</param>
public sealed record PagedList<T>(IReadOnlyList<T> Data, int Total, int Limit, int Offset);
