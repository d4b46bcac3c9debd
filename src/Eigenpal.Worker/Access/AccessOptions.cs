namespace Eigenpal.Worker.Access;

/// <summary>
/// Who may reach the web surface from another machine (section <c>Eigenpal:Access</c>). With nothing
/// configured only local requests are served. <see cref="AccessOptionsValidator"/> checks every entry
/// when the worker starts.
/// </summary>
public sealed class AccessOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Eigenpal:Access";

    /// <summary>The default of <see cref="Realm"/>.</summary>
    public const string DefaultRealm = "Eigenpal Worker";

    /// <summary>Users who sign in with HTTP basic (a browser prompts for them).</summary>
    public IList<AccessUserOptions> Users { get; } = [];

    /// <summary>Bearer tokens (<c>Authorization: Bearer …</c>) for scripts, <c>/api</c> and <c>/metrics</c> scrapers.</summary>
    public IList<AccessTokenOptions> Tokens { get; } = [];

    /// <summary>
    /// Reverse proxies (IP addresses) whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed.
    /// From anyone else the headers are ignored, and a loopback request that carries them is not local.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>The realm the browser's sign-in prompt names.</summary>
    public string Realm { get; set; } = DefaultRealm;
}
