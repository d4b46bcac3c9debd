using Eigenpal.RateLimiting;
using Eigenpal.Storage;
using Eigenpal.Worker.Jobs;
using Eigenpal.Worker.Relay;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Hosting;

/// <summary>Wires the worker: the API client behind the fleet rate limit, Hangfire on PostgreSQL, the relay and the jobs.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>The Hangfire queues this worker serves, most urgent first.</summary>
    public static readonly string[] Queues = ["poll", "submit", "default"];

    /// <summary>Hangfire's own schema, next to ours (<c>eigenpal</c>).</summary>
    public const string HangfireSchema = "hangfire";

    /// <summary>Adds everything the <c>eigenpal worker</c> process runs.</summary>
    public static IServiceCollection AddEigenpalWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection("Eigenpal:Worker")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.AddEigenpalStore(configuration);
        services.AddEigenpalTracking(configuration);

        // The worker answers 429s itself (a pause for the whole fleet), so the client must not wait them out on its own.
        services.AddEigenpalClient(o => o.RetryRateLimited = false)
            .AddHttpMessageHandler<FleetRateLimitHandler>();

        // Order matters: the schema exists before Hangfire, the relay or a job touches it.
        services.AddHostedService<MigrateOnStartService>();
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                bootstrap => bootstrap.UseNpgsqlConnection(provider.GetRequiredService<IOptions<EigenpalStoreOptions>>().Value.ConnectionString),
                HangfireStorageOptions()));
        services.AddHangfireServer((provider, server) =>
        {
            var worker = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
            server.WorkerCount = worker.WorkerCount;
            server.Queues = Queues;
            server.ServerName = provider.GetRequiredService<WorkerIdentity>().Name;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            server.ShutdownTimeout = TimeSpan.FromSeconds(15);
        });
        services.AddHostedService<RecurringJobsRegistration>();
        services.AddHostedService<SubmissionRelay>();
        services.AddTransient<SubmitChunkJob>();
        services.AddTransient<PollExecutionsJob>();
        services.AddTransient<PollTickJob>();
        return services;
    }

    /// <summary>
    /// Hangfire.PostgreSql tuned for recovery within seconds after a crash: its defaults keep a
    /// killed worker's locks for 10 min and its fetched jobs invisible for 30 min.
    /// Hangfire's schema (<c>hangfire</c>) is installed at start by <see cref="MigrateOnStartService"/>,
    /// under a lock, instead of by the storage (which races when workers start together).
    /// </summary>
    private static PostgreSqlStorageOptions HangfireStorageOptions() => new()
    {
        SchemaName = HangfireSchema,
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = TimeSpan.FromMilliseconds(500),
        EnableLongPolling = true,
        DistributedLockTimeout = TimeSpan.FromSeconds(20),
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(1),
    };
}
