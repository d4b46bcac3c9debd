namespace Eigenpal.Simulator.Admin;

/// <summary>
/// What the simulator has seen since it started or was last reset; served by <c>GET /_sim/counters</c>.
/// </summary>
/// <param name="Requests">Requests received per endpoint name (<c>runWorkflow</c>, <c>getExecution</c>, …), faulted ones included.</param>
/// <param name="ExecutionsCreated">Executions created by the client's run requests, including those whose response was lost; look-alikes are not counted.</param>
/// <param name="DuplicateInputExecutions">Client executions whose workflow and canonical input (values and file SHA-256s) equal an earlier client execution's.</param>
/// <param name="Unauthorized">Requests answered 401.</param>
/// <param name="RateLimited">Requests answered 429.</param>
/// <param name="ServerErrors">Injected 500/503 answers.</param>
/// <param name="Hung">Requests held without an answer.</param>
/// <param name="LostResponses">Run requests whose execution was created but whose connection was aborted.</param>
/// <param name="ExecutionsInMemory">Executions currently held, look-alikes included.</param>
/// <param name="RequestsBeforeRetryAfter">Requests that arrived while a Retry-After sent earlier was still in force (ignoring ones already in flight).</param>
/// <param name="LookAlikesCreated">Executions the simulator created as another client (<see cref="Options.ModeOptions.LookAlikeRate"/>).</param>
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
    long RequestsBeforeRetryAfter,
    long LookAlikesCreated)
{
    /// <summary>Requests received by one endpoint, 0 when none.</summary>
    public long RequestsTo(string endpointName) => Requests.GetValueOrDefault(endpointName);
}
