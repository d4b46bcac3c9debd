using Eigenpal.RateLimiting;
using Eigenpal.Storage;
using Eigenpal.Worker.Jobs;
using Eigenpal.Worker.Relay;
using Eigenpal.Worker.Webhooks;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Hosting;

/// <summary>Wires the worker: the API client behind the fleet rate limit, Hangfire on PostgreSQL, the relay and the jobs.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>The queues of the main Hangfire server (<see cref="WorkerOptions.WorkerCount"/> threads), most urgent first.</summary>
    public static readonly string[] SendQueues = [SubmitChunkJob.Queue, "default"];

    /// <summary>The queue of the poll server (<see cref="WorkerOptions.PollWorkerCount"/> threads), which nothing else can take.</summary>
    public static readonly string[] PollQueues = [PollExecutionsJob.Queue];

    /// <summary>Appended to the process's name to name its poll server in Hangfire (and the dashboard).</summary>
    public const string PollServerSuffix = ":poll";

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

        // Order matters: the schema exists before Hangfire, the relay or a job touches it, and the server's
        // connection limits are checked before anything takes connections in earnest, and the API surface
        // new runs go on is settled before any job sends one.
        services.AddHostedService<MigrateOnStartService>();
        services.AddHostedService<ServerConnectionCheck>();
        services.AddHostedService<ApiSurfaceCheck>();
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                bootstrap => bootstrap.UseNpgsqlConnection(provider.GetRequiredService<IOptions<EigenpalStoreOptions>>().Value.ConnectionString),
                HangfireStorageOptions()));
        // Two servers in one process: submissions can never take the poll threads, nor polls the submit threads.
        services.AddHangfireServer((provider, server) =>
        {
            var worker = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
            ConfigureServer(server, provider.GetRequiredService<WorkerIdentity>().Name, worker.WorkerCount, SendQueues);
        });
        services.AddHangfireServer((provider, server) =>
        {
            var worker = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
            ConfigureServer(server, provider.GetRequiredService<WorkerIdentity>().Name + PollServerSuffix, worker.PollWorkerCount, PollQueues);
        });
        services.AddHostedService<RecurringJobsRegistration>();
        services.AddHostedService<SubmissionRelay>();
        services.AddHostedService<StateTotalsFolding>();
        services.AddTransient<SubmitChunkJob>();
        services.AddTransient<PollExecutionsJob>();
        services.AddTransient<PollTickJob>();
        services.AddTransient<ReprocessFailedJob>();
        services.AddTransient<PurgeInputsJob>();
        services.AddEigenpalWebhooks(configuration);
        return services;
    }

    private static void ConfigureServer(BackgroundJobServerOptions server, string name, int workers, string[] queues)
    {
        server.ServerName = name;
        server.WorkerCount = workers;
        server.Queues = queues;
        server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        server.ShutdownTimeout = TimeSpan.FromSeconds(15);
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
