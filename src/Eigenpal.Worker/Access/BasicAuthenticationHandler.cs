using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Access;

/// <summary>
/// HTTP basic (RFC 7617) against <c>Eigenpal:Access:Users</c>. A challenge answers 401 with
/// <c>WWW-Authenticate: Basic realm="…"</c> so a browser asks for a name and password. Failures say what
/// was wrong with the header, never which part of the credentials, and never repeat them.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PasswordCheck passwords, IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Basic ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (Decode(header[Prefix.Length..].Trim()) is not { } credentials)
        {
            AccessLog.Refused(Logger, "basic", Context.Connection.RemoteIpAddress, "malformed basic credentials");
            return Task.FromResult(AuthenticateResult.Fail("Malformed basic credentials."));
        }

        if (passwords.Verify(credentials.Name, credentials.Password) is not { } user)
        {
            AccessLog.Refused(Logger, "basic", Context.Connection.RemoteIpAddress, "wrong user name or password");
            return Task.FromResult(AuthenticateResult.Fail("Wrong user name or password."));
        }

        var principal = AccessPrincipal.Create(user.Name, user.Role, "basic", Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Basic realm=\"{access.Value.Realm}\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    /// <summary>The name and password of a basic header's payload, or null when it is not base64 of <c>name:password</c>.</summary>
    private static (string Name, string Password)? Decode(string payload)
    {
        var bytes = new byte[payload.Length];
        if (!Convert.TryFromBase64String(payload, bytes, out var length))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
