using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.Modes;

/// <summary>Order, page cap, empty high pages and late visibility of the executions list.</summary>
public sealed class ListModeTests
{
    private static async Task<(SimulatorHost Host, Api Api, List<string> Ids)> StartWithRunsAsync(Action<ModeOptions> modes, int runs)
    {
        var host = await SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            modes(o.Modes);
        });
        var api = new Api(host);
        var ids = new List<string>();
        for (var i = 0; i < runs; i++)
        {
            ids.Add(await api.RunTextAsync($"list mode {i}"));
        }

        return (host, api, ids);
    }

    private static string[] Ids(System.Text.Json.Nodes.JsonObject page) =>
        [.. page["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    [Fact]
    public async Task Newest_first_is_the_default_order()
    {
        var (host, api, ids) = await StartWithRunsAsync(_ => { }, 3);
        await using var _ = host;
        using var __ = api;
        var (_, page) = await api.GetAsync($"{Base}/classify-text/executions");
        Assert.Equal([ids[2], ids[1], ids[0]], Ids(page));
    }

    [Fact]
    public async Task Oldest_first_lists_executions_in_creation_order_across_pages()
    {
        var (host, api, ids) = await StartWithRunsAsync(m => m.ListOrder = ListOrderMode.OldestFirst, 5);
        await using var _ = host;
        using var __ = api;
        var (_, first) = await api.GetAsync($"{Base}/classify-text/executions?limit=3");
        var (_, second) = await api.GetAsync($"{Base}/classify-text/executions?limit=3&offset=3");
        Assert.Equal(ids, [.. Ids(first), .. Ids(second)]);
    }

    [Fact]
    public async Task Max_page_size_caps_every_page_and_the_reported_limit_says_so()
    {
        var (host, api, ids) = await StartWithRunsAsync(m => m.MaxPageSize = 3, 5);
        await using var _ = host;
        using var __ = api;
        foreach (var query in new[] { "?limit=50", "", "?limit=1000" })
        {
            var (_, page) = await api.GetAsync($"{Base}/classify-text/executions{query}");
            Assert.Equal(3, page["data"]!.AsArray().Count);
            Assert.Equal(3, page["limit"]!.GetValue<int>());
            Assert.Equal(5, page["total"]!.GetValue<int>());
        }

        var (_, small) = await api.GetAsync($"{Base}/classify-text/executions?limit=2");
        Assert.Equal(2, small["limit"]!.GetValue<int>());

        // Workflows and versions keep their own cap.
        var (_, workflows) = await api.GetAsync($"{Base}?limit=100");
        Assert.Equal(100, workflows["limit"]!.GetValue<int>());
        Assert.Equal(5, ids.Count);
    }

    [Fact]
    public async Task Pages_from_the_empty_offset_on_are_empty_while_total_counts_every_match()
    {
        var (host, api, ids) = await StartWithRunsAsync(m => m.EmptyPagesFromOffset = 2, 4);
        await using var _ = host;
        using var __ = api;
        var (_, below) = await api.GetAsync($"{Base}/classify-text/executions?limit=2&offset=1");
        Assert.Equal([ids[2], ids[1]], Ids(below));
        foreach (var offset in new[] { 2, 3 })
        {
            var (_, page) = await api.GetAsync($"{Base}/classify-text/executions?limit=2&offset={offset}");
            Assert.Empty(page["data"]!.AsArray());
            Assert.Equal(4, page["total"]!.GetValue<int>());
            Assert.Equal(offset, page["offset"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_new_execution_is_listed_only_after_the_visibility_delay_but_found_by_id_at_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var host = await SimulatorHost.StartAsync(
            o =>
            {
                FastSimulatorFixture.Configure(o);
                o.Modes.ListVisibilityDelayMs = 2000;
            },
            clock);
        using var api = new Api(host);
        var id = await api.RunTextAsync("late");

        Assert.Equal(id, (await api.ExecutionAsync(id))["executionId"]!.GetValue<string>());
        var (_, hidden) = await api.GetAsync($"{Base}/classify-text/executions");
        Assert.Empty(hidden["data"]!.AsArray());
        Assert.Equal(0, hidden["total"]!.GetValue<int>());

        clock.Advance(TimeSpan.FromMilliseconds(1999));
        var (_, still) = await api.GetAsync($"{Base}/classify-text/executions");
        Assert.Equal(0, still["total"]!.GetValue<int>());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var (_, shown) = await api.GetAsync($"{Base}/classify-text/executions");
        Assert.Equal(1, shown["total"]!.GetValue<int>());
        Assert.Equal([id], Ids(shown));
    }
}
