using Eigenpal.Worker.Access;

namespace Eigenpal.Worker.Dashboard;

/// <summary>Wires the executions dashboard (<c>/</c>) and its JSON (<c>/api/v1</c>).</summary>
public static class DashboardExtensions
{
    /// <summary>Where the pages live in this project (the Razor Pages default is <c>/Pages</c>).</summary>
    public const string PagesRoot = "/Dashboard/Pages";

    /// <summary>Adds what the dashboard's pages need: Razor Pages, every page behind the viewer policy.</summary>
    public static IServiceCollection AddEigenpalDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = PagesRoot;
            o.Conventions.AuthorizeFolder("/", AccessPolicies.Viewer);
        });
        services.AddSingleton<Audit.DashboardAudit>();
        return services;
    }

    /// <summary>Maps the dashboard's pages and <c>/api/v1</c>.</summary>
    public static WebApplication MapEigenpalDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
