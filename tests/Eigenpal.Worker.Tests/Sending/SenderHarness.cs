using System.Collections.Concurrent;
using System.Web;
using Eigenpal.Api;
using Eigenpal.RateLimiting;
using Eigenpal.Submissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eigenpal.Worker.Tests.Sending;

/// <summary>
/// The sender wired as the worker wires it (WorkerServiceCollectionExtensions): the store, the
/// tracking services and the API client behind the fleet rate limit, bound from an in-memory
/// configuration. Settle time, timeouts and retry delays are small so a test waits seconds, not minutes;
/// the client makes one request per call (no retries) so the simulator's counters count calls.
/// </summary>
public sealed class SenderHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private SenderHarness(ServiceProvider provider) => _provider = provider;

    /// <summary>What went over the wire (inside the rate limiter), in order.</summary>
    public RequestLog Requests => _provider.GetRequiredService<RequestLog>();

    /// <summary>A sender as a job gets one: a fresh instance (with a fresh API client) per resolution.</summary>
    public SubmissionSender NewSender() => _provider.GetRequiredService<SubmissionSender>();

    /// <summary>A poller as a poll job gets one.</summary>
    public Eigenpal.Polling.ExecutionPoller NewPoller() => _provider.GetRequiredService<Eigenpal.Polling.ExecutionPoller>();

    /// <summary>The canceller the CLI uses.</summary>
    public Eigenpal.Executions.ExecutionCanceller NewCanceller() => _provider.GetRequiredService<Eigenpal.Executions.ExecutionCanceller>();

    /// <summary>The API surfaces as the core sees them (the process's surface choice is shared by every resolution).</summary>
    public Eigenpal.Surfaces.RunSurfaces NewSurfaces() => _provider.GetRequiredService<Eigenpal.Surfaces.RunSurfaces>();

    /// <summary>An API client on the same pipeline (rate limit included), for a test's own calls.</summary>
    public EigenpalClient NewClient() => _provider.GetRequiredService<EigenpalClient>();

    public static SenderHarness Create(string connectionString, Uri baseUrl, string apiKey, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Eigenpal"] = connectionString,
            ["Eigenpal:BaseUrl"] = baseUrl.ToString(),
            ["Eigenpal:ApiKey"] = apiKey,
            // The simulator serves both surfaces (auto would choose v1); these tests speak legacy unless they say otherwise.
            ["Eigenpal:Api"] = "legacy",
            ["Eigenpal:Timeout"] = "00:00:02",
            ["Eigenpal:MaxRetryAttempts"] = "0",
            ["Eigenpal:RetryBaseDelay"] = "00:00:00",
            ["Eigenpal:Sender:UnknownOutcomeSettleTime"] = "00:00:01",
            ["Eigenpal:Sender:TransientRetryDelay"] = "00:00:00",
            ["Eigenpal:Sender:ReconcileRetryDelay"] = "00:00:00.100",
            ["Eigenpal:Sender:ReconcileClockSkew"] = "00:00:05",
            ["Eigenpal:RateLimit:RequestsPerSecond"] = "1000",
            ["Eigenpal:RateLimit:Burst"] = "1000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEigenpalStore(configuration);
        services.AddEigenpalTracking(configuration);
        services.AddSingleton<RequestLog>();
        services.AddTransient<RecordingHandler>();
        services.AddEigenpalClient(o => o.RetryRateLimited = false)
            .AddHttpMessageHandler<FleetRateLimitHandler>()
            .AddHttpMessageHandler<RecordingHandler>();
        return new SenderHarness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>One request as it left: its endpoint path, its query, and the status it got (0 for no answer).</summary>
public sealed record LoggedRequest(string Method, string Path, string Query, int Status)
{
    public int? Offset => int.TryParse(HttpUtility.ParseQueryString(Query)["offset"], out var offset) ? offset : null;

    public string? FromDate => HttpUtility.ParseQueryString(Query)["fromDate"];

    public bool IsList => Method == "GET" && Path.EndsWith("/executions", StringComparison.Ordinal);
}

public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _entries = new();

    public IReadOnlyList<LoggedRequest> Entries => [.. _entries];

    internal void Add(HttpRequestMessage request, int status) => _entries.Enqueue(new LoggedRequest(
        request.Method.Method, request.RequestUri?.AbsolutePath ?? "", request.RequestUri?.Query ?? "", status));
}

internal sealed class RecordingHandler(RequestLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            log.Add(request, (int)response.StatusCode);
            return response;
        }
        catch
        {
            log.Add(request, 0);
            throw;
        }
    }
}
