namespace Eigenpal.Api.V1;

/// <summary>The run started from another one (<c>execution.retry.nextRun</c>).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Status">Its status as the server wrote it (not checked against <see cref="ExecutionStatus"/>).</param>
public sealed record RunNextRun(string Id, string Status);
