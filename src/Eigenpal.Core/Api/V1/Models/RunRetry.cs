namespace Eigenpal.Api.V1;

/// <summary>A run's place in its retry chain (<c>execution.retry</c>).</summary>
/// <param name="Number">0 for an original run, then 1, 2, … along the chain.</param>
/// <param name="PreviousRunId">The run this one was started from (by a rerun), if any.</param>
/// <param name="NextRun">The run started from this one, if any.</param>
public sealed record RunRetry(int Number = 0, string? PreviousRunId = null, RunNextRun? NextRun = null);
