using Eigenpal.Api;
using Eigenpal.Executions;
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
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
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

    public EigenpalClient Client => Get<EigenpalClient>();

    public ExecutionCanceller Canceller => Get<ExecutionCanceller>();

    public UndeterminedResolver Resolver => Get<UndeterminedResolver>();

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
        services.AddSingleton(_ => new EigenpalClient(ClientOptions(configuration)));
        services.AddTransient<ExecutionCanceller>();
        services.AddOptions<Eigenpal.Polling.PollingOptions>().Bind(configuration.GetSection("Eigenpal:Polling"));
        services.AddTransient<UndeterminedResolver>();
        return services.BuildServiceProvider();
    }

    /// <summary>The API client's options: section <c>Eigenpal</c>, then EIGENPAL_API_KEY / EIGENPAL_BASE_URL from any configuration source.</summary>
    private static EigenpalClientOptions ClientOptions(IConfiguration configuration)
    {
        static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
        var section = configuration.GetSection(EigenpalClientOptions.SectionName);
        return new EigenpalClientOptions
        {
            ApiKey = Set(section["ApiKey"]) ?? Set(configuration[EigenpalClientOptions.ApiKeyVariable]),
            BaseUrl = Set(section["BaseUrl"]) ?? Set(configuration[EigenpalClientOptions.BaseUrlVariable]),
        };
    }

    /// <summary>Throws the store options' validation error (e.g. no connection string) before anything else is tried.</summary>
    public void EnsureStoreConfigured() => _ = Get<IOptions<EigenpalStoreOptions>>().Value;
}
