namespace Eigenpal.Submissions.Queries;

/// <summary>One observed status change of an attempt.</summary>
/// <param name="Attempt">The attempt number it belongs to.</param>
/// <param name="From">The status before, if any.</param>
/// <param name="To">The status after.</param>
/// <param name="ChangedAt">When it was observed.</param>
/// <param name="ObservedBy">The worker that observed it.</param>
/// <param name="Detail">How it was observed, or why.</param>
public sealed record StatusChange(int Attempt, string? From, string To, DateTimeOffset ChangedAt, string? ObservedBy, string? Detail);
