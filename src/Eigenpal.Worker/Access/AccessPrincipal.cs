using System.Security.Claims;

namespace Eigenpal.Worker.Access;

/// <summary>
/// The requester as the rest of the app sees it: <see cref="ClaimsPrincipal.Identity"/>'s name is the user
/// or token name (<c>local</c> for this machine), the role claim decides the policies, and
/// <see cref="AccessSchemes.MethodClaim"/> says how it was recognised (for audit records).
/// </summary>
public static class AccessPrincipal
{
    /// <summary>The name given to requests from this machine.</summary>
    public const string LocalName = "local";

    /// <summary>A principal for <paramref name="name"/> holding <paramref name="role"/>, recognised by <paramref name="method"/>.</summary>
    public static ClaimsPrincipal Create(string name, string role, string method, string scheme)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(AccessSchemes.MethodClaim, method)],
            scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
