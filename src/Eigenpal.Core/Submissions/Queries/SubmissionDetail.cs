namespace Eigenpal.Submissions.Queries;

/// <summary>Everything recorded about one submission, for <c>eigenpal show</c>.</summary>
/// <param name="Submission">The submission.</param>
/// <param name="Version">The pinned version, if any.</param>
/// <param name="IdempotencyKey">The key it was recorded under.</param>
/// <param name="InputJson">The scalar inputs, as JSON text.</param>
/// <param name="Files">The file inputs as <c>input: file name (bytes)</c>, or <c>input: file name (bytes, purged 2026-11-02 03:30 UTC)</c> once the retention purged its bytes.</param>
/// <param name="Attempts">Its attempts, oldest first.</param>
/// <param name="History">Every observed status change, oldest first.</param>
public sealed record SubmissionDetail(
    SubmissionSummary Submission,
    string? Version,
    string IdempotencyKey,
    string InputJson,
    IReadOnlyList<string> Files,
    IReadOnlyList<ExecutionAttempt> Attempts,
    IReadOnlyList<StatusChange> History)
{
    /// <summary>The file inputs with their content type and hash, never their bytes (what the dashboard shows).</summary>
    public IReadOnlyList<StoredFile> StoredFiles { get; init; } = [];
}
