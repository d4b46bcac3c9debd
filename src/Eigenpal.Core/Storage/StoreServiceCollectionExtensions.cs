using System.Diagnostics.CodeAnalysis;
using Eigenpal.Polling;
using Eigenpal.RateLimiting;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the tracking store and the services that work over it.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="NpgsqlDataSource"/> over <c>ConnectionStrings:Eigenpal</c>,
    /// the migrator, the submission intake and the submission queries.
    /// </summary>
    public static IServiceCollection AddEigenpalStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EigenpalStoreOptions>()
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Eigenpal") ?? "")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(WorkerIdentity.ForThisProcess());
        // Persist Security Info keeps the password in dataSource.ConnectionString, which the
        // migrator hands to DbUp; it never leaves the process (StoreConnection.Describe redacts it).
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EigenpalStoreOptions>>().Value.ConnectionString)
        {
            PersistSecurityInfo = true,
        }.ConnectionString));
        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<SubmissionIntake>();
        services.TryAddSingleton<Eigenpal.Submissions.Queries.SubmissionQueries>();
        services.TryAddSingleton<Eigenpal.Submissions.Queries.SubmissionIdSearch>();
        services.TryAddSingleton<Eigenpal.Insights.SubmissionTotals>();
        services.TryAddSingleton<Eigenpal.Insights.StateTotalsFold>();
        return services;
    }

    /// <summary>
    /// Registers what sends and tracks submissions: the sender, the poller, the fleet-wide
    /// rate limiter and the API surfaces, with their options bound from <c>Eigenpal:Sender</c>,
    /// <c>Eigenpal:Polling</c>, <c>Eigenpal:RateLimit</c>, <c>Eigenpal:Api</c>, <c>Eigenpal:Reprocess</c> and <c>Eigenpal:Retention</c>. The API client itself is registered by <c>AddEigenpalClient</c>.
    /// </summary>
    [RequiresUnreferencedCode("Binds options from configuration by reflection.")]
    public static IServiceCollection AddEigenpalTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SenderOptions>().Bind(configuration.GetSection("Eigenpal:Sender")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection("Eigenpal:Polling")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PollingOptions>, PollingOptionsValidator>());
        services.AddOptions<FleetRateLimitOptions>().Bind(configuration.GetSection("Eigenpal:RateLimit")).ValidateDataAnnotations().ValidateOnStart();
        // Eigenpal:Api (auto, legacy, v1) and the v1 choices beside it; the probe of auto runs once per process.
        services.AddOptions<Eigenpal.Surfaces.ApiSurfaceOptions>().Bind(configuration.GetSection("Eigenpal"));
        services.TryAddSingleton<Eigenpal.Surfaces.SurfaceSelection>();
        services.TryAddTransient<Eigenpal.Surfaces.RunSurfaces>();
        services.AddOptions<Eigenpal.Reprocessing.ReprocessOptions>().Bind(configuration.GetSection("Eigenpal:Reprocess")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Eigenpal.Reprocessing.ReprocessOptions>, Eigenpal.Reprocessing.ReprocessOptionsValidator>());
        services.TryAddSingleton<Eigenpal.Reprocessing.ReprocessPolicy>();
        services.TryAddTransient<Eigenpal.Reprocessing.ReprocessRunner>();
        services.TryAddTransient<Eigenpal.Reprocessing.FailedResubmitter>();
        services.AddEigenpalRetention(configuration);
        services.TryAddSingleton<FleetRateLimiter>();
        services.TryAddTransient<FleetRateLimitHandler>();
        services.TryAddSingleton<PollSchedule>();
        services.TryAddTransient<SubmissionSender>();
        services.TryAddTransient<ExecutionPoller>();
        services.TryAddTransient<Eigenpal.Executions.ExecutionCanceller>();
        services.TryAddTransient<UndeterminedResolver>();
        return services;
    }
}
