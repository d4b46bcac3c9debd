namespace Eigenpal.Worker.Access;

/// <summary>
/// Who may see and act on the worker's web surface (dashboard, <c>/api</c>, <c>/metrics</c>, Hangfire).
/// Two policies: <see cref="Viewer"/> sees, <see cref="Operator"/> also acts. A request from this machine
/// (see <see cref="LocalRequest"/>) passes both without credentials; any other needs a configured user or
/// token with the role.
/// </summary>
public static class AccessPolicies
{
    /// <summary>May read every page, <c>/api</c> and <c>/metrics</c>: local requests and the roles viewer and operator.</summary>
    public const string Viewer = "eigenpal-viewer";

    /// <summary>May also act (cancel, resubmit, settle): local requests and the role operator.</summary>
    public const string Operator = "eigenpal-operator";
}
