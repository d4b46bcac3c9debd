using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>
/// The runs list over real HTTP: cursor paging to the end through short and empty pages and capped pages, the
/// filters (source, status, ids, creation and completion windows), and a complete listing exactly once.
/// </summary>
public sealed class V1PagingTests
{
    private static async Task<List<string>> StartAsync(EigenpalClient client, int count, string prefix)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await client.Runs.StartAsync(V1Sim.Classify($"{prefix} {i}"))).Id);
        }

        return ids;
    }

    [Fact]
    public async Task Listing_all_through_short_and_empty_pages_returns_every_run_exactly_once()
    {
        await using var sim = await V1Sim.StartAsync(m => m.V1ShortPageRate = 1);
        using var client = SimulatorClients.Create(sim);
        var ids = await StartAsync(client, 23, "short");

        var listed = await V1Sim.ListAllAsync(client, new RunListQuery { Limit = 5 });

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(r => r.Id).Order(StringComparer.Ordinal));
        var pages = sim.GetCounters().RequestsTo(V1EndpointNames.ListRuns);
        Assert.True(pages > 5, $"short pages should have taken more than 5 requests, took {pages}");
    }

    [Fact]
    public async Task A_short_page_still_carries_a_cursor_and_listing_one_page_at_a_time_reaches_the_end()
    {
        await using var sim = await V1Sim.StartAsync(m => m.V1ShortPageRate = 1);
        using var client = SimulatorClients.Create(sim);
        await StartAsync(client, 6, "manual");

        var seen = new List<string>();
        var sawShort = false;
        string? cursor = null;
        do
        {
            var page = await client.Runs.ListAsync(new RunListQuery { Limit = 3, Cursor = cursor });
            sawShort |= page.Runs.Count < 3 && page.NextCursor is not null;
            seen.AddRange(page.Runs.Select(r => r.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.True(sawShort);
        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(6, seen.Count);
    }

    [Fact]
    public async Task A_server_that_caps_the_page_below_the_limit_is_paged_to_the_end()
    {
        await using var sim = await V1Sim.StartAsync(m => m.V1MaxPageSize = 4);
        using var client = SimulatorClients.Create(sim);
        var ids = await StartAsync(client, 10, "capped");

        var listed = await V1Sim.ListAllAsync(client, new RunListQuery { Limit = 100 });

        Assert.Equal(10, listed.Select(r => r.Id).Intersect(ids).Count());
        Assert.Equal(3, sim.GetCounters().RequestsTo(V1EndpointNames.ListRuns));
    }

    [Theory]
    [InlineData(ListOrderMode.NewestFirst)]
    [InlineData(ListOrderMode.OldestFirst)]
    public async Task Paging_is_complete_in_either_order(ListOrderMode order)
    {
        await using var sim = await V1Sim.StartAsync(m => m.ListOrder = order);
        using var client = SimulatorClients.Create(sim);
        var ids = await StartAsync(client, 7, "ordered");

        var listed = await V1Sim.ListAllAsync(client, new RunListQuery { Limit = 2 });

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Source_status_and_ids_filters_narrow_the_list()
    {
        await using var sim = await V1Sim.StartAsync();
        using var client = SimulatorClients.Create(sim);
        var classified = await StartAsync(client, 3, "filtered");
        var slow = (await client.Runs.StartAsync(new RunStartRequest { Target = V1Sim.NormalizeAddress })).Id;
        foreach (var id in classified)
        {
            await V1Sim.FinishedAsync(client, id);
        }

        var classify = await client.Automations.GetAsync(V1Sim.ClassifyText);
        var bySource = await V1Sim.ListAllAsync(client, new RunListQuery { Source = classify.Id });
        var running = await V1Sim.ListAllAsync(client, new RunListQuery { Statuses = [ExecutionStatus.Created, ExecutionStatus.Pending, ExecutionStatus.Running] });
        var byIds = await V1Sim.ListAllAsync(client, new RunListQuery { Ids = [classified[0], slow] });

        Assert.Equal(classified.Order(StringComparer.Ordinal), bySource.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(bySource, r => Assert.Equal(classify.Id, r.Source.Id));
        Assert.Equal(slow, Assert.Single(running).Id);
        Assert.Equal(new[] { classified[0], slow }.Order(StringComparer.Ordinal), byIds.Select(r => r.Id).Order(StringComparer.Ordinal));
        await client.Runs.CancelAsync(slow);
    }

    [Fact]
    public async Task Creation_and_completion_windows_sent_with_milliseconds_select_by_the_servers_timestamps()
    {
        await using var sim = await V1Sim.StartAsync();
        using var client = SimulatorClients.Create(sim);
        var first = (await client.Runs.StartAsync(V1Sim.Classify("early"))).Id;
        var early = await V1Sim.FinishedAsync(client, first);
        await Task.Delay(20);
        var second = (await client.Runs.StartAsync(V1Sim.Classify("late"))).Id;
        var late = await V1Sim.FinishedAsync(client, second);

        // The bounds are inclusive at the millisecond the server shows.
        var createdFromSecond = await V1Sim.ListAllAsync(client, new RunListQuery { CreatedAfter = late.Timing.CreatedAt });
        var createdUpToFirst = await V1Sim.ListAllAsync(client, new RunListQuery { CreatedBefore = early.Timing.CreatedAt });
        var completedInFirstOnly = await V1Sim.ListAllAsync(client, new RunListQuery
        {
            CompletedAfter = early.Timing.CompletedAt,
            CompletedBefore = early.Timing.CompletedAt,
            Statuses = [ExecutionStatus.Completed],
        });

        Assert.Equal(second, Assert.Single(createdFromSecond).Id);
        Assert.Equal(first, Assert.Single(createdUpToFirst).Id);
        Assert.Equal(first, Assert.Single(completedInFirstOnly).Id);
    }
}
