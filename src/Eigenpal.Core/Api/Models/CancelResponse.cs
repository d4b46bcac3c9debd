namespace Eigenpal.Api;

/// <summary>The answer to <see cref="ExecutionsClient.CancelAsync"/>.</summary>
/// <param name="ExecutionId">The execution id.</param>
/// <param name="Status">What the cancel did.</param>
/// <param name="WasStatus">The execution status before the call.</param>
public sealed record CancelResponse(string ExecutionId, CancelOutcome Status, ExecutionStatus WasStatus);
