using System.Diagnostics;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests;

/// <summary>10,000 executions in memory: gets and per-workflow lists stay correct and quick.</summary>
public sealed class ScaleTests
{
    [Fact]
    public async Task Ten_thousand_executions_list_and_get_correctly()
    {
        const int Count = 10_000;
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.Seed = 3;
            o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(3_600_000), FailureRate = 0, RejectionRate = 0 };
        });
        using var api = new Api(host);

        // A few executions of another workflow must never show up in classify-text's list.
        var other = await api.RunTextAsync("other", "normalize-address");

        var ids = new string[Count];
        await Parallel.ForAsync(0, Count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            ids[i] = await api.RunTextAsync($"document {i}"));
        Assert.Equal(Count + 1, host.GetCounters().ExecutionsCreated);
        Assert.Equal(Count, ids.Distinct().Count());

        var timer = Stopwatch.StartNew();
        var (_, first) = await api.GetAsync($"{Base}/classify-text/executions?limit=100");
        Assert.Equal(Count, first["total"]!.GetValue<int>());
        Assert.Equal(100, first["data"]!.AsArray().Count);

        var listed = new HashSet<string>();
        for (var offset = 0; offset < Count; offset += 100)
        {
            var (_, page) = await api.GetAsync($"{Base}/classify-text/executions?limit=100&offset={offset}&status=created,pending,running");
            foreach (var item in page["data"]!.AsArray())
            {
                listed.Add(item!["id"]!.GetValue<string>());
            }
        }

        Assert.Equal(ids.Order(), listed.Order());
        Assert.DoesNotContain(other, listed);

        foreach (var id in ids.Where((_, i) => i % 500 == 0))
        {
            Assert.Equal(id, (await api.ExecutionAsync(id))["executionId"]!.GetValue<string>());
        }

        // 100 full-list scans and 20 gets over 10,000 executions: generous bound, catches quadratic behaviour.
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(15), $"listing took {timer.Elapsed}");
    }
}
