using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.RateLimiting;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Microsoft.Extensions.Options;
using Npgsql;
using Spectre.Console;

namespace Eigenpal.Worker.Cli.Infrastructure;

/// <summary>
/// What a command works with: the console it writes to, the configuration, and the store and API
/// services, each created on first use so that <c>--help</c> or a usage error needs neither.
/// The API client is the worker's: every call takes a slot of the fleet-wide rate limit and holds
/// while a 429 pauses the fleet, and a 429 it receives pauses every worker too.
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
    /// <summary>The longest rate-limit wait a command sits through (a 429's Retry-After, or the fleet's pause) before it gives up.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly Lazy<ServiceProvider> _provider;

    public CliServices(IAnsiConsole console, IConfiguration configuration)
    {
        Console = console;
        Configuration = configuration;
        _provider = new Lazy<ServiceProvider>(() => BuildProvider(configuration));
    }

    public IAnsiConsole Console { get; }

    public IConfiguration Configuration { get; }

    /// <summary>The raw output stream, for machine-readable output that must not be wrapped or styled.</summary>
    public TextWriter Out => Console.Profile.Out.Writer;

    /// <summary>True when a person watches: live displays instead of plain progress lines.</summary>
    public bool IsInteractive => Console.Profile.Capabilities.Interactive;

    public TimeProvider Time => Get<TimeProvider>();

    public NpgsqlDataSource DataSource => Get<NpgsqlDataSource>();

    public SubmissionIntake Intake => Get<SubmissionIntake>();

    public SubmissionQueries Queries => Get<SubmissionQueries>();

    /// <summary>Finds submissions by the start or end of their id (the short ids <c>list</c> shows).</summary>
    public SubmissionIdSearch IdSearch => Get<SubmissionIdSearch>();

    public EigenpalClient Client => Get<EigenpalClient>();

    /// <summary>The API surfaces; the first command that needs the API asks which one the service speaks.</summary>
    public Eigenpal.Surfaces.RunSurfaces Surfaces => Get<Eigenpal.Surfaces.RunSurfaces>();

    /// <summary>The client's resolved options (how long a 429's Retry-After is waited out, among others).</summary>
    public EigenpalClientOptions ClientOptions => Get<IOptions<EigenpalClientOptions>>().Value;

    public FleetRateLimiter RateLimiter => Get<FleetRateLimiter>();

    public ExecutionCanceller Canceller => Get<ExecutionCanceller>();

    public UndeterminedResolver Resolver => Get<UndeterminedResolver>();

    /// <summary>Reprocess runs and their history (<c>eigenpal reprocess</c>).</summary>
    public Eigenpal.Reprocessing.ReprocessRunner Reprocessing => Get<Eigenpal.Reprocessing.ReprocessRunner>();

    /// <summary>Adopts runs started outside the worker (<c>eigenpal import</c>).</summary>
    public Eigenpal.Imports.RunImporter Importer => Get<Eigenpal.Imports.RunImporter>();

    /// <summary>The retention's purger (reading <c>Eigenpal:Retention</c> validates it).</summary>
    public Eigenpal.Retention.InputPurger Purger => Get<Eigenpal.Retention.InputPurger>();

    /// <summary>host:port/database of the store, never the password.</summary>
    public string DatabaseTarget => StoreConnection.Describe(Configuration.GetConnectionString("Eigenpal") ?? "");

    public async ValueTask DisposeAsync()
    {
        if (_provider.IsValueCreated)
        {
            await _provider.Value.DisposeAsync();
        }
    }

    private T Get<T>()
        where T : notnull => _provider.Value.GetRequiredService<T>();

    private static ServiceProvider BuildProvider(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // The commands report to the console; library logging stays silent.
        services.AddLogging();
        services.AddEigenpalStore(configuration);
        services.AddEigenpalTracking(configuration);
        // As in the worker: the fleet's rate limit and 429 pause apply to every call. Unlike the worker,
        // which defers a rate-limited submission, an interactive command waits out a short Retry-After.
        services.AddEigenpalClient(o => ApplyCliOptions(o, configuration))
            .AddHttpMessageHandler<FleetRateLimitHandler>();
        services.AddTransient<UndeterminedResolver>();
        services.AddTransient<Eigenpal.Imports.RunImporter>();
        Eigenpal.Worker.Observability.ObservabilityExtensions.AddEigenpalTraceExport(services, configuration, "eigenpal-cli");
        var provider = services.BuildServiceProvider();
        // No host starts the tracer provider here (null when OTLP is not configured); disposing the provider flushes it.
        _ = provider.GetService<OpenTelemetry.Trace.TracerProvider>();
        return provider;
    }

    /// <summary>
    /// EIGENPAL_API_KEY / EIGENPAL_BASE_URL from any configuration source (the client alone reads them from the
    /// process environment only), and a Retry-After waited in-process of at most <see cref="DefaultMaxRetryAfter"/>
    /// unless <c>Eigenpal:MaxRetryAfter</c> says otherwise.
    /// </summary>
    private static void ApplyCliOptions(EigenpalClientOptions options, IConfiguration configuration)
    {
        static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
        var section = configuration.GetSection(EigenpalClientOptions.SectionName);
        options.ApiKey = Set(section["ApiKey"]) ?? Set(configuration[EigenpalClientOptions.ApiKeyVariable]) ?? options.ApiKey;
        options.BaseUrl = Set(section["BaseUrl"]) ?? Set(configuration[EigenpalClientOptions.BaseUrlVariable]) ?? options.BaseUrl;
        options.RetryRateLimited = true;
        if (Set(section[nameof(EigenpalClientOptions.MaxRetryAfter)]) is null)
        {
            options.MaxRetryAfter = DefaultMaxRetryAfter;
        }
    }

    /// <summary>Throws the store options' validation error (e.g. no connection string) before anything else is tried.</summary>
    public void EnsureStoreConfigured() => _ = Get<IOptions<EigenpalStoreOptions>>().Value;
}
