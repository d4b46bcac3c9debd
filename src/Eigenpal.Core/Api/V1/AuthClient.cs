using Eigenpal.Api.Http;
using Eigenpal.Api.V1.Wire;

namespace Eigenpal.Api.V1;

/// <summary>The v1 key check (<c>GET {prefix}/auth/check</c>). Obtain it from <see cref="EigenpalClient.Auth"/>.</summary>
public sealed class AuthClient
{
    private readonly EigenpalTransport _transport;
    private readonly V1Paths _paths;

    internal AuthClient(EigenpalTransport transport, V1Paths paths)
    {
        _transport = transport;
        _paths = paths;
    }

    /// <summary>
    /// Checks the API key against the v1 surface at this prefix: what it is and what it may do. A good way to
    /// tell at start whether the configured base URL and prefix speak v1 (a server that does not answers 404 or
    /// something that is not JSON, which becomes an <see cref="EigenpalException"/> naming the base URL).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EigenpalAuthenticationException">The key is missing or invalid.</exception>
    public Task<AuthCheck> CheckAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(new ApiRequest(HttpMethod.Get, _paths.AuthCheck), V1JsonContext.Default.AuthCheck, cancellationToken);
}
