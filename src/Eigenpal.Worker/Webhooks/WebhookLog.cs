namespace Eigenpal.Worker.Webhooks;

/// <summary>The webhook endpoint's log events (ids 900–909). None carries the secret, a signature or a body.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 900, EventName = "WebhooksOn", Level = LogLevel.Information,
        Message = "Webhook events are taken as poll hints at POST {Path} (timestamp tolerance {Tolerance}); polling stays on")]
    public static partial void Enabled(ILogger logger, string path, TimeSpan tolerance);

    [LoggerMessage(EventId = 901, EventName = "WebhookRefused", Level = LogLevel.Warning,
        Message = "Refused a webhook delivery from {Remote} with {StatusCode}: {Reason}")]
    public static partial void Refused(ILogger logger, string? remote, int statusCode, string reason);

    [LoggerMessage(EventId = 902, EventName = "WebhookAccepted", Level = LogLevel.Debug,
        Message = "Webhook event {EventId} ({Type}, run {RunId}): {Receipt}")]
    public static partial void Accepted(ILogger logger, string eventId, string type, string? runId, WebhookReceipt receipt);

    [LoggerMessage(EventId = 903, EventName = "WebhookStoreFailed", Level = LogLevel.Warning,
        Message = "Webhook event {EventId} could not be recorded ({Error}); answered 503 so the service delivers it again")]
    public static partial void StoreFailed(ILogger logger, string eventId, string error);

    [LoggerMessage(EventId = 904, EventName = "PollNudgeFailed", Level = LogLevel.Warning,
        Message = "Could not enqueue a poll job after a webhook ({Error}); the recurring tick polls the run instead")]
    public static partial void NudgeFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 905, EventName = "WebhookEventsPurged", Level = LogLevel.Debug,
        Message = "Forgot {Count} webhook event ids past their retention")]
    public static partial void Purged(ILogger logger, int count);

    [LoggerMessage(EventId = 906, EventName = "WebhookPurgeFailed", Level = LogLevel.Warning,
        Message = "Purging old webhook event ids failed ({Error}); trying again in an hour")]
    public static partial void PurgeFailed(ILogger logger, string error);
}
