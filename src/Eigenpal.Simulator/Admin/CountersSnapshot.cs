namespace Eigenpal.Simulator.Admin;

/// <summary>
/// What the simulator has seen since it started or was last reset; served by <c>GET /_sim/counters</c>.
/// </summary>
/// <param name="Requests">Requests received per endpoint name (<c>runWorkflow</c>, <c>getExecution</c>, …), faulted ones included.</param>
/// <param name="ExecutionsCreated">Executions created by the client's run requests, including those whose response was lost; look-alikes are not counted.</param>
/// <param name="DuplicateInputExecutions">Client executions whose workflow and canonical input (values and file SHA-256s) equal an earlier client execution's that had not failed by then (a run again after a failure is a retry, not a duplicate).</param>
/// <param name="Unauthorized">Requests answered 401.</param>
/// <param name="RateLimited">Requests answered 429.</param>
/// <param name="ServerErrors">Injected 500/503 answers.</param>
/// <param name="Hung">Requests held without an answer.</param>
/// <param name="LostResponses">Run requests whose execution was created but whose connection was aborted.</param>
/// <param name="ExecutionsInMemory">Executions currently held, look-alikes included.</param>
/// <param name="RequestsBeforeRetryAfter">Requests that arrived while a Retry-After sent earlier was still in force (ignoring ones already in flight).</param>
/// <param name="LookAlikesCreated">Executions the simulator created as another client (<see cref="Options.ModeOptions.LookAlikeRate"/>).</param>
/// <param name="RerunsCreated">Runs created by <c>POST /v1/runs/{id}/rerun</c>; also counted in <paramref name="ExecutionsCreated"/> and, having the input of their source, in <paramref name="DuplicateInputExecutions"/> unless that source had failed.</param>
/// <param name="UploadSessionsCreated">Upload sessions made by <c>POST /v1/files/uploads</c> (a repeated idempotency key that returns an existing session makes none), including those whose response was lost.</param>
/// <param name="FilesCreated">Files created through the v1 files routes (multipart upload or completed storage upload); a repeat that returns an existing file is not counted.</param>
/// <param name="WebhookEvents">Webhook events produced while webhooks are on (one <c>run.created</c> and one <c>run.status_changed</c> per status stored).</param>
/// <param name="WebhookAttempts">Webhook POSTs made, retries and repeats included.</param>
/// <param name="WebhookDelivered">Webhook POSTs answered 2xx (a repeated event counts twice).</param>
/// <param name="WebhookLost">Webhook events never answered 2xx: dropped by the loss mode, refused with a 4xx, or given up after every attempt.</param>
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
    long LookAlikesCreated,
    long RerunsCreated = 0,
    long UploadSessionsCreated = 0,
    long FilesCreated = 0,
    long WebhookEvents = 0,
    long WebhookAttempts = 0,
    long WebhookDelivered = 0,
    long WebhookLost = 0)
{
    /// <summary>Requests received by one endpoint, 0 when none.</summary>
    public long RequestsTo(string endpointName) => Requests.GetValueOrDefault(endpointName);

    /// <summary>
    /// Requests received by a family of v1 endpoints, named by the prefix of their names: <c>runs</c>
    /// (every runs route), <c>runs.start</c>, <c>files.uploads</c>, <c>files</c>, <c>automations</c>, …
    /// </summary>
    public long RequestsToFamily(string family) =>
        Requests.Where(r => r.Key == family || r.Key.StartsWith(family + ".", StringComparison.Ordinal)).Sum(r => r.Value);
}
