using System.Net;
using System.Net.Sockets;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>
/// A v1 scenario whose worker serves the webhook endpoint on a known port, with polling so slow that
/// any prompt poll must have come from a webhook: the first poll of a run is a minute after its send.
/// </summary>
public sealed class WebhookWorker : IAsyncDisposable
{
    private WebhookWorker(WorkerScenario scenario, Uri baseUrl, string secret)
    {
        Scenario = scenario;
        BaseUrl = baseUrl;
        Secret = secret;
        Endpoint = new Uri(baseUrl, EndpointPath);
    }

    /// <summary>The worker's default webhook path.</summary>
    public const string EndpointPath = "/webhooks/eigenpal";

    public WorkerScenario Scenario { get; }

    public Uri BaseUrl { get; }

    public Uri Endpoint { get; }

    public string Secret { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// Runs last <paramref name="durations"/> (default: ten minutes, so they stay in flight). With
    /// <paramref name="webhooks"/> off the worker serves no endpoint (polling alone). <paramref name="simulator"/>
    /// may point the simulator's own deliveries at the endpoint (it is given the endpoint and the secret).
    /// </summary>
    public static async Task<WebhookWorker> StartAsync(
        PostgresServer postgres, DurationOptions? durations = null, Action<WorkerScenario>? configure = null,
        bool webhooks = true, Action<SimulatorOptions, Uri, string>? simulator = null)
    {
        var url = new Uri($"http://127.0.0.1:{WorkerHttp.FreePort()}");
        var secret = SignedDelivery.NewSecret();
        var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Workflows["extract-invoice"] = new WorkflowBehaviourOptions
            {
                Duration = durations ?? DurationOptions.Fixed((int)TimeSpan.FromMinutes(10).TotalMilliseconds), FailureRate = 0, RejectionRate = 0,
            };
            simulator?.Invoke(o, new Uri(url, EndpointPath), secret);
        }, surface: "v1");
        if (webhooks)
        {
            scenario.Settings["Eigenpal__Webhooks__Secret"] = secret;
        }

        scenario.Settings["Eigenpal__Polling__MinInterval"] = "00:01:00";
        scenario.Settings["Eigenpal__Polling__MaxInterval"] = "00:02:00";
        configure?.Invoke(scenario);
        var worker = new WebhookWorker(scenario, url, secret);
        scenario.StartWorker(url);
        await Eventually.WaitAsync(worker.HealthyAsync, healthy => healthy, TimeSpan.FromSeconds(30), "the worker's HTTP server to answer",
            async () => scenario.WorkerOutputTail());
        return worker;
    }

    /// <summary>Records <paramref name="count"/> invoices and waits until each has its run id.</summary>
    public async Task<List<string>> SendInvoicesAsync(int count, string tag)
    {
        await Scenario.Database.Intake.RecordBatchAsync(tag, Enumerable.Range(0, count).Select(i => SampleSubmissions.Invoice(i, tag)).ToList());
        await Eventually.WaitAsync(
            () => Scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE remote_id IS NOT NULL"),
            sent => sent >= count, TimeSpan.FromSeconds(30), $"{count} runs to be sent", async () => Scenario.WorkerOutputTail());
        return await Scenario.Database.ColumnAsync<string>("SELECT remote_id FROM eigenpal.executions ORDER BY remote_id");
    }

    /// <summary>Posts a correctly signed delivery of <paramref name="body"/> now.</summary>
    public async Task<HttpResponseMessage> DeliverAsync(string body, string? eventId = null)
    {
        using var request = SignedDelivery.Request(Endpoint, Secret, eventId ?? SignedDelivery.NewEventId(), body);
        return await Http.SendAsync(request);
    }

    /// <summary>How often the run has been polled (its <c>poll_count</c>).</summary>
    public Task<int> PollCountAsync(string runId) =>
        Scenario.Database.ScalarAsync<int>($"SELECT poll_count FROM eigenpal.executions WHERE remote_id = '{runId}'");

    /// <summary>Everything a delivery could change, in one comparable text.</summary>
    public async Task<string> SnapshotAsync() => string.Join("\n", await Scenario.Database.ColumnAsync<string>(
        "SELECT remote_id || ' ' || status || ' ' || coalesce(next_poll_at::text, '-') || ' ' || coalesce(hint_due_at::text, '-') || ' ' || poll_count " +
        "FROM eigenpal.executions ORDER BY remote_id")) +
        $"\nstatus changes {await Scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.status_changes")}" +
        $"\nsubmissions {await Scenario.Database.DescribeAsync()}";

    private Task<bool> HealthyAsync() => WorkerHttp.AnswersHealthzAsync(Http, BaseUrl);


    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Scenario.DisposeAsync();
    }
}
