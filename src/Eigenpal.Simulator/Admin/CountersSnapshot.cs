namespace Eigenpal.Simulator.Admin;

/// <summary>
/// What the simulator has seen since it started or was last reset; served by <c>GET /_sim/counters</c>.
/// </summary>
/// <param name="Requests">Requests received per endpoint name (<c>runWorkflow</c>, <c>getExecution</c>, …), faulted ones included.</param>
/// <param name="ExecutionsCreated">Executions created by run requests, including those whose response was lost.</param>
/// <param name="DuplicateInputExecutions">Executions whose workflow and canonical input (values and file SHA-256s) equal an earlier execution's.</param>
/// <param name="Unauthorized">Requests answered 401.</param>
/// <param name="RateLimited">Requests answered 429.</param>
/// <param name="ServerErrors">Injected 500/503 answers.</param>
/// <param name="Hung">Requests held without an answer.</param>
/// <param name="LostResponses">Run requests whose execution was created but whose connection was aborted.</param>
/// <param name="ExecutionsInMemory">Executions currently held.</param>
/// <param name="RequestsBeforeRetryAfter">Requests that arrived while a Retry-After sent earlier was still in force (ignoring ones already in flight).</param>
public sealed record CountersSnapshot(
    IReadOnlyDictionary<string, long> Requests,
    long ExecutionsCreated,
    long DuplicateInputExecutions,
    long Unauthorized,
    long RateLimited,
    long ServerErrors,
    long Hung,
    long LostResponses,
    long ExecutionsInMemory,
    long RequestsBeforeRetryAfter)
{
    /// <summary>Requests received by one endpoint, 0 when none.</summary>
    public long RequestsTo(string endpointName) => Requests.GetValueOrDefault(endpointName);
}
