using System.Net;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Modes;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary><c>GET /v1/runs</c>: cursor paging, order, filters, limits, and the list modes. Each test has its own simulator, so counts are exact.</summary>
public sealed class RunListTests
{
    private static async Task<(SimulatorHost Host, V1Api Api, List<string> Ids)> WithRunsAsync(int count, Action<SimulatorOptions>? configure = null)
    {
        var host = await V1Fixture.StartAsync(configure);
        var api = new V1Api(host);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await api.StartTextAsync($"run {i}"));
        }

        return (host, api, ids);
    }

    [Fact]
    public async Task Paging_follows_nextCursor_to_null_newest_first_without_repeats_or_total()
    {
        var (host, api, ids) = await WithRunsAsync(7);
        await using var hostScope = host;
        using var apiScope = api;
        var (runs, sizes) = await api.ListAllAsync("limit=3");
        Assert.Equal([3, 3, 1], sizes);
        Assert.Equal(Enumerable.Reverse(ids), runs.Select(r => r["id"]!.GetValue<string>()));
        Assert.Equal(["execution", "finished", "id", "sampleRank", "source", "timing", "trigger", "type"], Keys(runs[0]).Where(k => k != "error"));

        var (_, exact) = await api.GetAsync("runs?limit=7");
        Assert.Null(exact["nextCursor"]);
    }

    [Fact]
    public async Task Oldest_first_and_the_page_cap_are_modes()
    {
        var (host, api, ids) = await WithRunsAsync(5, o => { o.Modes.ListOrder = ListOrderMode.OldestFirst; o.Modes.V1MaxPageSize = 2; });
        await using var hostScope = host;
        using var apiScope = api;
        var (runs, sizes) = await api.ListAllAsync("limit=100");
        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(ids, runs.Select(r => r["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Short_pages_keep_a_cursor_and_paging_still_reaches_every_run()
    {
        var (host, api, ids) = await WithRunsAsync(12, o => o.Modes.V1ShortPageRate = 1);
        await using var hostScope = host;
        using var apiScope = api;
        var (runs, sizes) = await api.ListAllAsync("limit=4");
        Assert.Equal(ids.Order(StringComparer.Ordinal), runs.Select(r => r["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(sizes, s => Assert.InRange(s, 0, 3));
        Assert.True(sizes.Count > 3);
    }

    [Fact]
    public async Task Filters_by_status_source_type_ids_and_inclusive_time_bounds()
    {
        var (host, api, ids) = await WithRunsAsync(3);
        await using var hostScope = host;
        using var apiScope = api;
        var (file, started) = await api.StartFileAsync([65, 66], "x.txt");
        Assert.Equal(HttpStatusCode.Created, file.StatusCode);
        var fileRun = await api.WhenFinishedAsync(started["id"]!.GetValue<string>());
        foreach (var id in ids)
        {
            await api.WhenFinishedAsync(id);
        }

        Assert.Equal(4, (await api.ListAllAsync("status=completed,failed")).Runs.Count);
        Assert.Empty((await api.ListAllAsync("status=running")).Runs);
        Assert.Equal(3, (await api.ListAllAsync("source=wf_c3p9classifytx")).Runs.Count);
        Assert.Empty((await api.ListAllAsync("source=classify-text")).Runs);
        Assert.Equal(4, (await api.ListAllAsync("type=workflow")).Runs.Count);
        Assert.Empty((await api.ListAllAsync("type=agent")).Runs);
        Assert.Equal(2, (await api.ListAllAsync($"ids={ids[0]},{ids[2]}")).Runs.Count);

        var created = Uri.EscapeDataString(fileRun["timing"]!["createdAt"]!.GetValue<string>());
        var completed = Uri.EscapeDataString(fileRun["timing"]!["completedAt"]!.GetValue<string>());
        Assert.Contains(fileRun["id"]!.GetValue<string>(), (await api.ListAllAsync($"createdAfter={created}&createdBefore={created}")).Runs.Select(r => r["id"]!.GetValue<string>()));
        Assert.Contains(fileRun["id"]!.GetValue<string>(), (await api.ListAllAsync($"completedAfter={completed}&completedBefore={completed}")).Runs.Select(r => r["id"]!.GetValue<string>()));
        Assert.Empty((await api.ListAllAsync("createdAfter=2999-01-01T00:00:00Z")).Runs);
        Assert.Empty((await api.ListAllAsync("completedBefore=2000-01-01T00:00:00.000Z")).Runs);
    }

    [Theory]
    [InlineData(SourceFilterMode.IdOrSlug, "classify-text", 2)]
    [InlineData(SourceFilterMode.IdOrSlug, "workflows.classify-text", 2)]
    [InlineData(SourceFilterMode.IdOnly, "workflows.classify-text", 0)]
    [InlineData(SourceFilterMode.Ignored, "wf_x7k2extractinv", 2)]
    public async Task The_source_filter_reads_as_the_mode_says(SourceFilterMode mode, string source, int expected)
    {
        var (host, api, _) = await WithRunsAsync(2, o => o.Modes.SourceFilter = mode);
        await using var hostScope = host;
        using var apiScope = api;
        Assert.Equal(expected, (await api.ListAllAsync($"source={source}")).Runs.Count);
    }

    [Fact]
    public async Task New_runs_appear_after_the_visibility_delay()
    {
        var (host, api, _) = await WithRunsAsync(1, o => o.Modes.ListVisibilityDelayMs = 60_000);
        await using var hostScope = host;
        using var apiScope = api;
        Assert.Empty((await api.ListAllAsync()).Runs);
    }

    [Theory]
    [InlineData("runs?limit=0", "query.limit")]
    [InlineData("runs?limit=101", "query.limit")]
    [InlineData("runs?limit=abc", "query.limit")]
    [InlineData("runs?status=done", "query.status")]
    [InlineData("runs?type=block", "query.type")]
    [InlineData("runs?createdAfter=now()-7d", "query.createdAfter")]
    [InlineData("runs?completedBefore=yesterday", "query.completedBefore")]
    [InlineData("runs?cursor=garbage", "query.cursor")]
    public async Task Bad_parameters_are_400s_naming_them(string path, string field)
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var (response, body) = await api.GetAsync(path);
        V1Api.AssertEnvelope(response, body, 400, field, "invalid_value");
    }

    [Fact]
    public async Task A_cursor_is_refused_with_other_filters_or_when_altered_but_accepted_with_another_limit()
    {
        var (host, api, _) = await WithRunsAsync(3);
        await using var hostScope = host;
        using var apiScope = api;
        var (_, first) = await api.GetAsync("runs?limit=1&status=completed,created,pending,running,waiting,finalizing");
        var cursor = first["nextCursor"]!.GetValue<string>();
        var (otherFilter, refused) = await api.GetAsync($"runs?limit=1&cursor={cursor}");
        V1Api.AssertEnvelope(otherFilter, refused, 400, "query.cursor");
        var altered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        var (alteredResponse, _) = await api.GetAsync($"runs?limit=1&status=completed,created,pending,running,waiting,finalizing&cursor={altered}");
        Assert.Equal(HttpStatusCode.BadRequest, alteredResponse.StatusCode);
        var (same, page) = await api.GetAsync($"runs?limit=5&status=running,completed,created,pending,waiting,finalizing&cursor={cursor}");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(2, page["runs"]!.AsArray().Count);
    }
}
