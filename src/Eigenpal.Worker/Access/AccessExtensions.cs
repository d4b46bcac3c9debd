using Hangfire.Dashboard;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Who may see and act on the worker's web surface (dashboard, <c>/api</c>, <c>/metrics</c>, Hangfire).
/// Two policies: <see cref="Viewer"/> sees, <see cref="Operator"/> also acts.
/// </summary>
public static class AccessPolicies
{
    /// <summary>May read every page, <c>/api</c> and <c>/metrics</c>.</summary>
    public const string Viewer = "eigenpal-viewer";

    /// <summary>May also act: cancel, resubmit, settle.</summary>
    public const string Operator = "eigenpal-operator";
}

/// <summary>Wires access control (issue 10). Until it is built, only local requests are served, as before.</summary>
public static class AccessExtensions
{
    /// <summary>Adds authentication and the two policies.</summary>
    public static IServiceCollection AddEigenpalAccess(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddAuthorization(o =>
        {
            o.AddPolicy(AccessPolicies.Viewer, p => p.RequireAssertion(c => IsLocal(c.Resource)));
            o.AddPolicy(AccessPolicies.Operator, p => p.RequireAssertion(c => IsLocal(c.Resource)));
        });
        return services;
    }

    /// <summary>Adds the access middleware (forwarded headers, authentication, authorization) to the pipeline.</summary>
    public static WebApplication UseEigenpalAccess(this WebApplication app)
    {
        app.UseAuthorization();
        return app;
    }

    /// <summary>The Hangfire dashboard's authorization filters.</summary>
    public static IDashboardAuthorizationFilter[] HangfireDashboardFilters(WebApplication app)
    {
        _ = app;
        return [new LocalRequestsOnlyAuthorizationFilter()];
    }

    private static bool IsLocal(object? resource) =>
        resource is HttpContext http && http.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip);
}
