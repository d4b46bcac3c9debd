using Eigenpal.Insights;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Dashboard.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard;

/// <summary>Wires the executions dashboard (<c>/</c>) and its JSON (<c>/api/v1</c>).</summary>
public static class DashboardExtensions
{
    /// <summary>Where the pages live in this project (the Razor Pages default is <c>/Pages</c>).</summary>
    public const string PagesRoot = "/Dashboard/Pages";

    /// <summary>
    /// Adds what the dashboard's pages need: Razor Pages, every page behind the viewer policy, the read-side
    /// queries, and <c>Eigenpal:Dashboard</c> (validated at start).
    /// </summary>
    public static IServiceCollection AddEigenpalDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = PagesRoot;
            o.Conventions.AuthorizeFolder("/", AccessPolicies.Viewer);
        });
        services.AddOptions<EigenpalDashboardOptions>().Bind(configuration.GetSection(EigenpalDashboardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EigenpalDashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton<BatchQueries>();
        services.TryAddSingleton<ThroughputQueries>();
        services.AddSingleton<Audit.DashboardAudit>();
        return services;
    }

    /// <summary>Maps the dashboard's pages, its export links and <c>/api/v1</c>.</summary>
    public static WebApplication MapEigenpalDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapDashboardApiV1();
        return app;
    }
}
