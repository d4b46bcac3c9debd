namespace Eigenpal.Simulator;

/// <summary>
/// The simulator's log messages. Per-request events are Debug so that benchmarks are not
/// measuring the console; request headers (and so API keys) are never logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Eigenpal simulator listening on {Urls} with {WorkflowCount} workflows, time scale {TimeScale}, seed {Seed}")]
    public static partial void Started(ILogger logger, string urls, int workflowCount, double timeScale, string seed);

    [LoggerMessage(2, LogLevel.Debug, "Execution {ExecutionId} created for {WorkflowName}: ends {Outcome} at {EndsAt:O}")]
    public static partial void ExecutionCreated(ILogger logger, string executionId, string workflowName, string outcome, DateTimeOffset endsAt);

    [LoggerMessage(3, LogLevel.Debug, "Execution {ExecutionId} cancel: {Outcome} (was {WasStatus})")]
    public static partial void ExecutionCancelled(ILogger logger, string executionId, string outcome, string wasStatus);

    [LoggerMessage(4, LogLevel.Debug, "Request {RequestId} to {Endpoint} rejected: missing or unknown API key")]
    public static partial void Unauthorized(ILogger logger, string requestId, string endpoint);

    [LoggerMessage(5, LogLevel.Debug, "Request {RequestId} to {Endpoint} rate limited, retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string requestId, string endpoint, int retryAfterSeconds);

    [LoggerMessage(6, LogLevel.Information, "Injected fault {Fault} on request {RequestId} to {Endpoint}")]
    public static partial void FaultInjected(ILogger logger, string fault, string requestId, string endpoint);

    [LoggerMessage(7, LogLevel.Information, "Faults replaced: {Faults}")]
    public static partial void FaultsReplaced(ILogger logger, string faults);

    [LoggerMessage(8, LogLevel.Information, "Simulator reset: executions and counters cleared")]
    public static partial void Reset(ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "Modes replaced: {Modes}")]
    public static partial void ModesReplaced(ILogger logger, string modes);

    [LoggerMessage(10, LogLevel.Debug, "Look-alike execution {ExecutionId} created beside {OriginalId} for {WorkflowName}")]
    public static partial void LookAlikeCreated(ILogger logger, string executionId, string originalId, string workflowName);

    [LoggerMessage(11, LogLevel.Information, "Webhook event {EventId} of run {RunId} not delivered: {Reason}")]
    public static partial void WebhookLost(ILogger logger, string eventId, string runId, string reason);
}
