using System.Net;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Whether a request comes from this machine, and so may see and act without credentials.
/// </summary>
/// <remarks>
/// Read after <c>UseForwardedHeaders</c>, which believes <c>X-Forwarded-For</c> only from the configured
/// proxies and consumes the header when it does. A request that arrives over loopback but still carries
/// a forwarding header was relayed by a proxy nobody configured (nginx on the same host, an SSH tunnel
/// that adds one): it speaks for someone else, so it is not local. Without this rule a same-host reverse
/// proxy would make every request from the internet local.
/// </remarks>
public static class LocalRequest
{
    /// <summary>The headers by which a proxy says it relays someone else's request.</summary>
    public static readonly IReadOnlyList<string> ForwardingHeaders = ["X-Forwarded-For", "Forwarded"];

    /// <summary>True when the (possibly forwarded) client address is loopback and no unbelieved forwarding header is left.</summary>
    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
        {
            return false;
        }

        return !ForwardingHeaders.Any(context.Request.Headers.ContainsKey);
    }
}
