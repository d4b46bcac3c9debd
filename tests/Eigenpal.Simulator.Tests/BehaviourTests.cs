using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests;

/// <summary>Outcomes over real time with a small TimeScale: reproducibility, failures, rejections, duplicates.</summary>
public sealed class BehaviourTests
{
    private static Task<SimulatorHost> StartAsync(int seed, double failureRate, double rejectionRate = 0) =>
        SimulatorHost.StartAsync(o =>
        {
            o.Seed = seed;
            o.TimeScale = 0.001;
            o.Workflows["classify-text"] = new WorkflowBehaviourOptions
            {
                Duration = DurationOptions.LogNormal(medianMs: 5000, sigma: 0.8, capMs: 30_000),
                FailureRate = failureRate,
                RejectionRate = rejectionRate,
            };
        });

    private static async Task<List<string>> RunToEndAsync(SimulatorHost host, int count)
    {
        using var api = new Api(host);
        var outcomes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await api.RunTextAsync($"text {i}");
            var status = await Eventually.Until(() => api.StatusAsync(id), s => s is "completed" or "failed" or "rejected", what: $"{id} terminal");
            outcomes.Add($"{id}:{status}");
        }

        return outcomes;
    }

    [Fact]
    public async Task Same_seed_gives_same_ids_and_outcomes()
    {
        await using var first = await StartAsync(seed: 42, failureRate: 0.3, rejectionRate: 0.2);
        await using var second = await StartAsync(seed: 42, failureRate: 0.3, rejectionRate: 0.2);
        var a = await RunToEndAsync(first, 12);
        var b = await RunToEndAsync(second, 12);
        Assert.Equal(a, b);
        Assert.Contains(a, o => o.EndsWith(":completed", StringComparison.Ordinal));
        Assert.Contains(a, o => !o.EndsWith(":completed", StringComparison.Ordinal));

        await using var other = await StartAsync(seed: 43, failureRate: 0.3, rejectionRate: 0.2);
        Assert.NotEqual(a, await RunToEndAsync(other, 12));
    }

    [Fact]
    public async Task Failed_execution_carries_error_and_failure_observability()
    {
        await using var host = await StartAsync(seed: 5, failureRate: 1.0);
        using var api = new Api(host);
        var id = await api.RunTextAsync("doomed");
        var body = await Eventually.Until(() => api.ExecutionAsync(id), b => b["status"]!.GetValue<string>() == "failed");
        Assert.Equal(["completedAt", "createdAt", "error", "executionId", "observability", "status"], Keys(body));
        var failure = body["observability"]!["failure"]!;
        Assert.Equal(["category", "code", "occurredAt", "phase", "retryable", "userMessage"], Keys(failure));
        Assert.Contains(body["observability"]!["phases"]!.AsArray(), p => p!["status"]!.GetValue<string>() == "failed");

        var (_, list) = await api.GetAsync($"{Base}/classify-text/executions?status=failed");
        var item = Assert.Single(list["data"]!.AsArray())!;
        Assert.Contains("error", Keys(item));
        Assert.DoesNotContain("observability", Keys(item));
        Assert.DoesNotContain("durationMs", Keys(item));
    }

    [Fact]
    public async Task Executions_progress_to_terminal_in_real_time_with_time_scale()
    {
        await using var host = await StartAsync(seed: 9, failureRate: 0);
        using var api = new Api(host);
        var id = await api.RunTextAsync("fast");
        var seen = new HashSet<string>();
        await Eventually.Until(
            async () =>
            {
                var s = await api.StatusAsync(id);
                seen.Add(s);
                return s;
            },
            s => s == "completed");
        Assert.Contains("completed", seen);
    }

    [Fact]
    public async Task Counters_count_requests_and_duplicate_inputs()
    {
        await using var host = await SimulatorHost.StartAsync(FastSimulatorFixture.Configure);
        using var api = new Api(host);
        var first = await api.RunTextAsync("same");
        await api.RunTextAsync("same");
        await api.RunTextAsync("different");
        await api.PostJsonAsync($"{Base}/classify-text/run", """{"input":{"text":"same"},"trigger":"cli"}""");
        await api.ExecutionAsync(first);
        await api.GetAsync($"{Base}/classify-text/executions");
        await api.PostAsync($"{Base}/executions/{first}/cancel");
        await api.GetAsync($"{Base}/classify-text");
        await api.GetAsync($"{Base}/classify-text/versions");
        await api.GetAsync(Base);

        using var admin = new HttpClient { BaseAddress = host.BaseUrl };
        var counters = await BodyAsync(await admin.GetAsync("_sim/counters"));
        Assert.Equal(4, counters["executionsCreated"]!.GetValue<long>());
        Assert.Equal(2, counters["duplicateInputExecutions"]!.GetValue<long>());
        var requests = counters["requests"]!;
        Assert.Equal(4, requests["runWorkflow"]!.GetValue<long>());
        foreach (var name in new[] { "getExecution", "listExecutions", "cancelExecution", "getWorkflow", "listVersions", "listWorkflows" })
        {
            Assert.Equal(1, requests[name]!.GetValue<long>());
        }

        Assert.Equal(200, (int)(await admin.PostAsync("_sim/reset", null)).StatusCode);
        var reset = host.GetCounters();
        Assert.Equal(0, reset.ExecutionsCreated);
        Assert.Equal(0, reset.ExecutionsInMemory);
        Assert.Equal(404, (int)(await api.Http.GetAsync($"{Base}/executions/{first}")).StatusCode);
    }
}
