namespace Eigenpal.Submissions;

/// <summary>The outcome of recording a batch in one transaction.</summary>
/// <param name="BatchId">The batch's id, used by <c>eigenpal status --batch</c> and the dashboard.</param>
/// <param name="Submissions">One entry per submission handed in, in the same order.</param>
public sealed record RecordedBatch(Guid BatchId, IReadOnlyList<RecordedSubmission> Submissions)
{
    /// <summary>How many submissions were new (the rest already existed under their idempotency key).</summary>
    public int CreatedCount => Submissions.Count(s => s.Created);
}
