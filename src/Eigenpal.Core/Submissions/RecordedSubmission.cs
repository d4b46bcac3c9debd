namespace Eigenpal.Submissions;

/// <summary>The outcome of recording one submission.</summary>
/// <param name="Id">The submission's id (the existing one when the idempotency key was already recorded).</param>
/// <param name="IdempotencyKey">The key the submission was recorded under.</param>
/// <param name="Created">False when an existing submission with the same key was returned instead.</param>
public sealed record RecordedSubmission(Guid Id, string IdempotencyKey, bool Created);
