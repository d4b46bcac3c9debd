using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Eigenpal.Worker.Access;

/// <summary>
/// The Hangfire dashboard's door: the same <see cref="AccessPolicies.Viewer"/> policy as the executions
/// dashboard, through the authorization service, for the request's own user (set by the authentication
/// middleware, which runs before the dashboard). Viewers see it read-only (<see cref="IsReadOnly"/>):
/// Hangfire hides its buttons and refuses their commands.
/// </summary>
internal sealed class HangfireAccessFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(http.User, http, AccessPolicies.Viewer)).Succeeded)
        {
            return true;
        }

        // Hangfire answers 401 or 403 itself; the challenge adds WWW-Authenticate so a browser prompts.
        if (http.User.Identity?.IsAuthenticated != true)
        {
            await http.ChallengeAsync();
        }

        return false;
    }

    /// <summary>True unless the requester may act: viewers see Hangfire's pages without its buttons.</summary>
    public static bool IsReadOnly(DashboardContext context) => !AccessRoles.IsOperator(context.GetHttpContext().User);
}
