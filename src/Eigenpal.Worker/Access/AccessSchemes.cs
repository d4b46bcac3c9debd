namespace Eigenpal.Worker.Access;

/// <summary>
/// The authentication schemes. <see cref="Default"/> only chooses: a request with <c>Authorization: Basic</c>
/// or <c>Bearer</c> is checked by that scheme (also from this machine: credentials given are checked), one
/// without from this machine is <see cref="Local"/>, and any other is challenged for basic credentials so a
/// browser prompts.
/// </summary>
public static class AccessSchemes
{
    /// <summary>The selecting scheme every request is authenticated with.</summary>
    public const string Default = "eigenpal";

    /// <summary>HTTP basic against <c>Eigenpal:Access:Users</c>.</summary>
    public const string Basic = "eigenpal-basic";

    /// <summary>Bearer tokens against <c>Eigenpal:Access:Tokens</c>.</summary>
    public const string Bearer = "eigenpal-bearer";

    /// <summary>A request from this machine (see <see cref="LocalRequest"/>), which acts as an operator.</summary>
    public const string Local = "eigenpal-local";

    /// <summary>The claim that says how the requester was recognised: <c>local</c>, <c>basic</c> or <c>bearer</c>.</summary>
    public const string MethodClaim = "eigenpal:access-method";

    /// <summary>Picks the scheme for a request (see the type's summary).</summary>
    public static string Select(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Bearer;
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Basic;
        }

        return LocalRequest.IsLocal(context) ? Local : Basic;
    }
}
