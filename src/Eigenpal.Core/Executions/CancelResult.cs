namespace Eigenpal.Executions;

/// <summary>What cancelling one submission did.</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Outcome">
/// <c>cancelled</c>, <c>cancellation-requested</c> or <c>already-terminal</c> as the API answered;
/// <c>cancelled-locally</c> for a submission that had not been sent yet; <c>in-flight</c> when a
/// run request is being sent right now (try again in a moment); <c>failed</c> when the API call failed.
/// </param>
/// <param name="ExecutionId">The remote execution, when there is one.</param>
/// <param name="Detail">Why, for outcomes that need explaining.</param>
public sealed record CancelResult(Guid SubmissionId, string Outcome, string? ExecutionId, string? Detail = null);
