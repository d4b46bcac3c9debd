using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Bearer tokens (RFC 6750) against the SHA-256 hashes in <c>Eigenpal:Access:Tokens</c>. A refused token
/// is answered 401 with <c>WWW-Authenticate: Bearer realm="…", error="invalid_token"</c>.
/// </summary>
internal sealed class BearerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenCheck tokens, IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = header[Prefix.Length..].Trim();
        if (token.Length == 0 || tokens.Verify(token) is not { } entry)
        {
            AccessLog.Refused(Logger, "bearer", Context.Connection.RemoteIpAddress, "unknown token");
            return Task.FromResult(AuthenticateResult.Fail("Unknown bearer token."));
        }

        var principal = AccessPrincipal.Create(entry.Name, entry.Role, "bearer", Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"{access.Value.Realm}\", error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
