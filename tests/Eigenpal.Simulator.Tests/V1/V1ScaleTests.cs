using System.Diagnostics;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>10,000 v1 runs in memory: a cursor walk over them is complete, exact and quick.</summary>
public sealed class V1ScaleTests
{
    [Fact]
    public async Task Ten_thousand_runs_are_walked_by_cursor_each_exactly_once()
    {
        const int Count = 10_000;
        await using var host = await V1Fixture.StartAsync(o =>
            o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(360_000_000), FailureRate = 0, RejectionRate = 0 });
        using var api = new V1Api(host);
        var ids = new string[Count];
        await Parallel.ForAsync(0, Count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            ids[i] = await api.StartTextAsync($"document {i}", $$"""{"i":{{i}}}"""));

        var timer = Stopwatch.StartNew();
        var (runs, sizes) = await api.ListAllAsync("limit=100&status=created,pending,running&source=wf_c3p9classifytx");
        Assert.Equal(100, sizes.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), runs.Select(r => r["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        // 100 pages over 10,000 runs: a generous bound that catches a sort or scan per run.
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(15), $"the walk took {timer.Elapsed}");
    }
}
