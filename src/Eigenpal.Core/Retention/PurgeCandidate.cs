namespace Eigenpal.Retention;

/// <summary>
/// A submission with stored file bytes that finished before the cutoff, as the purge reads it: its state and
/// latest attempt (to judge whether a reprocess run could still take it) and what its files hold.
/// </summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Workflow">Its workflow.</param>
/// <param name="State">Its state's stored name.</param>
/// <param name="Attempt">Its attempt number (the latest attempt).</param>
/// <param name="UpdatedAt">When it last changed: for a final state, when it reached it. The purge's guard re-checks it.</param>
/// <param name="Retryable">The latest attempt's <c>retryable</c> (the API's flag), when recorded.</param>
/// <param name="FailureCategory">The latest attempt's failure category, when recorded.</param>
/// <param name="Error">The latest attempt's error text, when recorded.</param>
/// <param name="Files">How many of its files still hold their bytes.</param>
/// <param name="Bytes">Their recorded size in bytes.</param>
internal sealed record PurgeCandidate(
    Guid SubmissionId, string Workflow, string State, int Attempt, DateTime UpdatedAt,
    bool? Retryable, string? FailureCategory, string? Error, long Files, long Bytes);
