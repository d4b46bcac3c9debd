using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Recognises a request from this machine (<see cref="LocalRequest"/>) as <c>local</c> with the operator
/// role: whoever can reach the loopback interface can already run <c>eigenpal</c> commands.
/// </summary>
internal sealed class LocalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!LocalRequest.IsLocal(Context))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = AccessPrincipal.Create(AccessPrincipal.LocalName, AccessRoles.Operator, "local", Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
