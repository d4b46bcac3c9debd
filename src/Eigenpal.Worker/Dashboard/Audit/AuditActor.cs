namespace Eigenpal.Worker.Dashboard.Audit;

/// <summary>Who acts and from where, as the audit trail and the doors' own history record it.</summary>
/// <param name="Name">The authenticated name, or <c>local</c> when the request was let in for coming from this machine.</param>
/// <param name="RemoteIp">The client's address (after forwarded headers from trusted proxies), when known.</param>
public sealed record AuditActor(string Name, string? RemoteIp)
{
    /// <summary>The name recorded for an unauthenticated local request.</summary>
    public const string Local = "local";

    /// <summary>The actor of <paramref name="http"/>'s request.</summary>
    public static AuditActor Of(HttpContext http) => new(
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Local,
        http.Connection.RemoteIpAddress?.ToString());

    /// <summary>How the actor is named in a status history or an attempt's reason: <c>alice (dashboard, 10.0.0.5)</c>.</summary>
    public string Describe() => RemoteIp is null ? $"{Name} (dashboard)" : $"{Name} (dashboard, {RemoteIp})";
}
