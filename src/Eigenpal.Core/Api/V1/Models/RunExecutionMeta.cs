namespace Eigenpal.Api.V1;

/// <summary>The short form of a run's execution (<c>execution</c>), which carries the run's status.</summary>
/// <param name="Status">The run's status.</param>
/// <param name="Retry">The run's place in its retry chain (what a rerun links).</param>
/// <param name="SchemaValid">Whether the output matched the output schema, once known.</param>
public sealed record RunExecutionMeta(ExecutionStatus Status, RunRetry? Retry = null, bool? SchemaValid = null);
