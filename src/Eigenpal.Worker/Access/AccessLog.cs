namespace Eigenpal.Worker.Access;

/// <summary>Access control's log events (ids 1300–1309). None carries a password, token, hash or API key.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 1300, EventName = "AccessConfigured", Level = LogLevel.Information,
        Message = "Web access: local requests act as operator; {Users} user(s) and {Tokens} token(s) may sign in from elsewhere; " +
            "forwarded headers are believed from {Proxies} proxy address(es) and {Networks} network(s)")]
    public static partial void Configured(ILogger logger, int users, int tokens, int proxies, int networks);

    [LoggerMessage(EventId = 1301, EventName = "AccessRefused", Level = LogLevel.Information,
        Message = "Refused {Method} credentials from {Remote}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, System.Net.IPAddress? remote, string reason);
}
