using Microsoft.Extensions.Logging;

namespace Eigenpal.Api.Http;

/// <summary>The client's log events. Headers (and so the API key) are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "EigenpalRequestCompleted", Level = LogLevel.Debug,
        Message = "Eigenpal {Method} {Path} answered {StatusCode} in {ElapsedMs:0} ms (request id {RequestId})")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int statusCode, double elapsedMs, string? requestId);

    [LoggerMessage(EventId = 1001, EventName = "EigenpalRequestFailed", Level = LogLevel.Warning,
        Message = "Eigenpal {Method} {Path} failed with {StatusCode} in {ElapsedMs:0} ms (request id {RequestId}): {Reason}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int statusCode, double elapsedMs, string? requestId, string reason);

    [LoggerMessage(EventId = 1002, EventName = "EigenpalTransportFailed", Level = LogLevel.Warning,
        Message = "Eigenpal {Method} {Path} got no answer after {ElapsedMs:0} ms: {Reason}")]
    public static partial void TransportFailed(ILogger logger, string method, string path, double elapsedMs, string reason);

    [LoggerMessage(EventId = 1003, EventName = "EigenpalRetrying", Level = LogLevel.Information,
        Message = "Retrying Eigenpal {Method} {Path} (attempt {Attempt}) in {DelayMs:0} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 1004, EventName = "EigenpalRunOutcomeUnknown", Level = LogLevel.Warning,
        Message = "Eigenpal run of workflow {WorkflowId} sent at {SentAt:O} has an unknown outcome: {Reason}")]
    public static partial void RunOutcomeUnknown(ILogger logger, string workflowId, DateTimeOffset sentAt, string reason);

    [LoggerMessage(EventId = 1005, EventName = "EigenpalRerunOutcomeUnknown", Level = LogLevel.Warning,
        Message = "Eigenpal rerun of run {SourceRunId} sent at {SentAt:O} has an unknown outcome: {Reason}")]
    public static partial void RerunOutcomeUnknown(ILogger logger, string sourceRunId, DateTimeOffset sentAt, string reason);
}
