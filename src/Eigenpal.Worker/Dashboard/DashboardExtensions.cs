namespace Eigenpal.Worker.Dashboard;

/// <summary>Wires the executions dashboard (<c>/</c>) and its JSON (<c>/api/v1</c>) (issue 10).</summary>
public static class DashboardExtensions
{
    /// <summary>Adds what the dashboard's pages need.</summary>
    public static IServiceCollection AddEigenpalDashboard(this IServiceCollection services) => services;

    /// <summary>Maps the dashboard's pages and <c>/api/v1</c>.</summary>
    public static WebApplication MapEigenpalDashboard(this WebApplication app) => app;
}
