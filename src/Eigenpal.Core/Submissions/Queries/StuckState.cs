namespace Eigenpal.Submissions.Queries;

/// <summary>Submissions that have stayed in one unfinished state for longer than its threshold.</summary>
/// <param name="State">The unfinished state.</param>
/// <param name="OlderThan">The threshold: in the state for longer than this counts as stuck.</param>
/// <param name="Count">How many are stuck, counted up to the cap the query was given.</param>
/// <param name="AtLeast">True when the count reached the cap: there are at least <paramref name="Count"/>.</param>
/// <param name="Oldest">The longest stuck, oldest change first.</param>
public sealed record StuckState(SubmissionState State, TimeSpan OlderThan, long Count, bool AtLeast, IReadOnlyList<SubmissionSummary> Oldest);
