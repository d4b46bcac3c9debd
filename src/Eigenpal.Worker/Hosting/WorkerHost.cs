using Eigenpal.Worker.Access;
using Eigenpal.Worker.Dashboard;
using Eigenpal.Worker.Observability;
using Eigenpal.Worker.Webhooks;
using Hangfire;

namespace Eigenpal.Worker.Hosting;

/// <summary>Builds the worker host: configuration, logging, services and the Hangfire dashboard.</summary>
public static class WorkerHost
{
    /// <summary>The dashboard's address unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5081";

    /// <summary>Where the Hangfire dashboard is served.</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>Creates the worker application from its arguments, configuration files and environment.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddEigenpalWorker(builder.Configuration);
        builder.Services.AddEigenpalAccess(builder.Configuration);
        builder.Services.AddEigenpalObservability(builder.Configuration);
        builder.Services.AddEigenpalDashboard(builder.Configuration);
        var app = builder.Build();
        app.UseEigenpalAccess();
        app.MapEigenpalObservability();
        app.MapEigenpalDashboard();
        // Jobs hold submission ids, never secrets; the dashboard follows the access rules and does not
        // print the storage's connection.
        // Viewers see it read-only; see AccessExtensions.WithEigenpalAccess.
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Eigenpal Worker",
            DisplayStorageConnectionString = false,
        }.WithEigenpalAccess());
        app.MapEigenpalWebhooks();
        return app;
    }
}
