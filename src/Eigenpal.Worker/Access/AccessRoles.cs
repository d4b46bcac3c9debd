using System.Security.Claims;

namespace Eigenpal.Worker.Access;

/// <summary>
/// The two roles a user or token may hold, carried as <see cref="ClaimTypes.Role"/> claims so that the
/// policies, the Hangfire dashboard's read-only switch and the pages' "who did it" read one truth.
/// </summary>
public static class AccessRoles
{
    /// <summary>Sees every page, <c>/api</c>, <c>/metrics</c> and the Hangfire dashboard (read-only).</summary>
    public const string Viewer = "viewer";

    /// <summary>Also acts: the dashboard's actions and Hangfire's buttons.</summary>
    public const string Operator = "operator";

    /// <summary>Every role, as written in configuration.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Operator];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? role) => role is Viewer or Operator;

    /// <summary>True when <paramref name="user"/> may act (an operator, or a local request, which acts as one).</summary>
    public static bool IsOperator(ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true && user.IsInRole(Operator);
}
