using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary>What <c>/readyz</c> answered: the HTTP status and each check's status and description.</summary>
public sealed record Readiness(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, (string Status, string? Description)> Checks)
{
    public override string ToString() => $"{(int)Status}: {Body}";
}

/// <summary>
/// A scenario whose one worker process serves HTTP on a known port, and a client for its
/// <c>/metrics</c> and <c>/readyz</c>. The worker is a real process (never a host built in the test process).
/// </summary>
public sealed class ObservedWorker : IAsyncDisposable
{
    private ObservedWorker(WorkerScenario scenario, Uri baseUrl)
    {
        Scenario = scenario;
        BaseUrl = baseUrl;
    }

    public WorkerScenario Scenario { get; }

    public Uri BaseUrl { get; }

    public WorkerProcess Worker => Scenario.Workers[0];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts the scenario; <paramref name="configure"/> may change the worker's settings before it starts.</summary>
    public static async Task<ObservedWorker> StartAsync(
        PostgresServer postgres, Action<WorkerScenario>? configure = null, Action<SimulatorOptions>? simulator = null)
    {
        var scenario = await WorkerScenario.StartAsync(postgres, simulator);
        configure?.Invoke(scenario);
        var worker = new ObservedWorker(scenario, new Uri($"http://127.0.0.1:{WorkerHttp.FreePort()}"));
        scenario.StartWorker(worker.BaseUrl);
        await Eventually.WaitAsync(worker.AnswersAsync, up => up, TimeSpan.FromSeconds(60), "the worker's HTTP server to answer",
            async () => scenario.WorkerOutputTail());
        return worker;
    }

    /// <summary>The raw text of <c>/metrics</c>, after checking it is served as Prometheus text.</summary>
    public async Task<string> MetricsTextAsync()
    {
        using var response = await Http.GetAsync(new Uri(BaseUrl, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary><c>/metrics</c>, parsed line by line.</summary>
    public async Task<List<PrometheusSample>> MetricsAsync() => PrometheusText.Parse(await MetricsTextAsync());

    public async Task<Readiness> ReadinessAsync()
    {
        using var response = await Http.GetAsync(new Uri(BaseUrl, "/readyz"));
        var body = await response.Content.ReadAsStringAsync();
        var checks = new Dictionary<string, (string, string?)>();
        foreach (var check in JsonNode.Parse(body)!["checks"]!.AsArray())
        {
            checks[check!["name"]!.GetValue<string>()] = (check["status"]!.GetValue<string>(), check["description"]?.GetValue<string>());
        }

        return new Readiness(response.StatusCode, body, checks);
    }

    private Task<bool> AnswersAsync() => WorkerHttp.AnswersHealthzAsync(Http, BaseUrl);


    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Scenario.DisposeAsync();
    }
}
