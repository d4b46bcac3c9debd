namespace Eigenpal.Insights;

/// <summary>One minute of throughput.</summary>
/// <param name="Minute">The minute's start.</param>
/// <param name="Submitted">Submissions recorded in that minute.</param>
/// <param name="Finished">Attempts that reached a terminal status in that minute (completed, failed, rejected, cancelled, …).</param>
public sealed record ThroughputMinute(DateTimeOffset Minute, long Submitted, long Finished);

/// <summary>How long the runs of one workflow took, from the run request to the end, over a recent window.</summary>
/// <param name="Workflow">The workflow.</param>
/// <param name="Runs">How many completed runs the percentiles are over.</param>
/// <param name="P50">The median duration.</param>
/// <param name="P95">The 95th percentile.</param>
public sealed record WorkflowDuration(string Workflow, long Runs, TimeSpan P50, TimeSpan P95);
