namespace Eigenpal.Api.V1;

/// <summary>One page of <see cref="RunsClient.ListAsync"/>. There is no total: only <see cref="NextCursor"/> says whether more follow.</summary>
/// <param name="Runs">The runs of this page; it may hold fewer than the limit (or none) while more follow.</param>
/// <param name="NextCursor">The cursor of the next page; <see langword="null"/> (or absent) on the last page.</param>
public sealed record RunsPage(IReadOnlyList<RunListItem> Runs, string? NextCursor = null);
