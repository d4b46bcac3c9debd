using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>
/// Get and list executions on a simulator with a hand-driven clock, so statuses and
/// <c>createdAt</c> values are exact. Each test starts from an empty store.
/// </summary>
public sealed class ExecutionQueryTests : IClassFixture<FakeClockSimulatorFixture>
{
    private readonly FakeClockSimulatorFixture _fixture;
    private readonly EigenpalClient _client;

    public ExecutionQueryTests(FakeClockSimulatorFixture fixture)
    {
        _fixture = fixture;
        _client = fixture.Client;
        fixture.Sim.Reset();
    }

    private Task<RunResponse> RunAsync(string text) =>
        _client.Workflows.RunAsync("classify-text", new RunRequest { Input = new Dictionary<string, object?> { ["text"] = text } });

    private async Task<List<string>> RunManyAsync(int count, string prefix)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await RunAsync($"{prefix} {i}")).ExecutionId);
        }

        return ids;
    }

    [Fact]
    public async Task Get_follows_the_timeline_to_completed_with_result_and_completed_at()
    {
        var run = await RunAsync("get me");

        var created = await _client.Workflows.Executions.GetAsync(run.ExecutionId);
        Assert.Equal((run.ExecutionId, ExecutionStatus.Created), (created.ExecutionId, created.Status));
        Assert.Equal(_fixture.Clock.GetUtcNow(), created.CreatedAt);
        Assert.Null(created.CompletedAt);
        Assert.Null(created.Result);

        _fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ExecutionStatus.Running, (await _client.Workflows.Executions.GetAsync(run.ExecutionId)).Status);

        _fixture.Clock.Advance(TimeSpan.FromSeconds(9));
        var done = await _client.Workflows.Executions.GetAsync(run.ExecutionId);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(created.CreatedAt.AddSeconds(10), done.CompletedAt);
        Assert.NotNull(done.Result);
        Assert.NotNull(done.Observability);
        Assert.NotEmpty(done.Observability.Phases);
    }

    [Fact]
    public async Task Get_with_include_steps_decodes_the_same_execution()
    {
        var run = await RunAsync("with steps");
        _fixture.Clock.Advance(TimeSpan.FromSeconds(3));

        var plain = await _client.Workflows.Executions.GetAsync(run.ExecutionId);
        var withSteps = await _client.Workflows.Executions.GetAsync(run.ExecutionId, includeSteps: true);

        Assert.Equal(plain with { Observability = null }, withSteps with { Observability = null });
        Assert.Equal(ExecutionStatus.Running, withSteps.Status);
        Assert.Equal(2, _fixture.Sim.GetCounters().RequestsTo(EndpointNames.GetExecution));
    }

    [Fact]
    public async Task List_filters_by_one_or_several_statuses()
    {
        var cancelled = await RunManyAsync(2, "to cancel");
        foreach (var id in cancelled)
        {
            await _client.Workflows.Executions.CancelAsync(id);
        }

        var completed = await RunManyAsync(3, "to complete");
        _fixture.Clock.Advance(TimeSpan.FromSeconds(11));
        var fresh = await RunManyAsync(1, "just created");

        async Task<IEnumerable<string>> IdsAsync(params ExecutionStatus[] statuses) =>
            (await _client.Workflows.Executions.ListAsync("classify-text", new ExecutionListQuery { Statuses = statuses })).Data.Select(e => e.Id);

        Assert.Equal(cancelled.Order(), (await IdsAsync(ExecutionStatus.Cancelled)).Order());
        Assert.Equal(completed.Order(), (await IdsAsync(ExecutionStatus.Completed)).Order());
        Assert.Equal(fresh, await IdsAsync(ExecutionStatus.Created));
        Assert.Equal(cancelled.Concat(completed).Order(), (await IdsAsync(ExecutionStatus.Completed, ExecutionStatus.Cancelled)).Order());
        Assert.Empty(await IdsAsync(ExecutionStatus.Running, ExecutionStatus.Failed));
    }

    [Fact]
    public async Task List_filters_by_relative_and_absolute_dates()
    {
        var start = _fixture.Clock.GetUtcNow();
        var early = await RunManyAsync(2, "early");
        _fixture.Clock.Advance(TimeSpan.FromHours(2));
        var late = await RunManyAsync(3, "late");
        var middle = start.AddHours(1);

        async Task<IEnumerable<string>> IdsAsync(DateBound? from, DateBound? to) =>
            (await _client.Workflows.Executions.ListAsync("classify-text", new ExecutionListQuery { From = from, To = to })).Data.Select(e => e.Id).Order();

        Assert.Equal(late.Order(), await IdsAsync(DateBound.Relative("now()-1h"), null));
        Assert.Equal(early.Order(), await IdsAsync(null, DateBound.Relative("now()-1h")));
        Assert.Equal(early.Concat(late).Order(), await IdsAsync(DateBound.Relative("now()-7d"), DateBound.Relative("now()")));
        Assert.Equal(early.Concat(late).Order(), await IdsAsync(null, DateBound.Relative("now()+1h")));
        Assert.Empty(await IdsAsync(DateBound.Relative("now()+1m"), null));
        Assert.Equal(late.Order(), await IdsAsync(middle, null));
        Assert.Equal(early.Order(), await IdsAsync(null, middle));
        Assert.Equal(early.Order(), await IdsAsync(start, start));
        Assert.Empty(await IdsAsync(start.AddMinutes(1), middle));
    }

    [Fact]
    public async Task List_pages_newest_first_with_limit_offset_and_total()
    {
        var ids = await RunManyAsync(7, "paged");
        var newestFirst = Enumerable.Reverse(ids).ToList();

        var page = await _client.Workflows.Executions.ListAsync("wf_c3p9classifytx", new ExecutionListQuery { Limit = 3, Offset = 2 });

        Assert.Equal((7, 3, 2), (page.Total, page.Limit, page.Offset));
        Assert.Equal(newestFirst.Skip(2).Take(3), page.Data.Select(e => e.Id));
        Assert.All(page.Data, e => Assert.Equal("classify-text", e.Workflow?.Name));
    }

    [Fact]
    public async Task List_all_returns_each_of_many_executions_exactly_once()
    {
        const int Count = 250;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => ids.Add((await RunAsync($"bulk {i}")).ExecutionId));
        var listRequestsBefore = _fixture.Sim.GetCounters().RequestsTo(EndpointNames.ListExecutions);

        var listed = new List<string>();
        await foreach (var item in _client.Workflows.Executions.ListAllAsync("classify-text", new ExecutionListQuery { Limit = 100 }))
        {
            listed.Add(item.Id);
        }

        Assert.Equal(Count, listed.Count);
        Assert.Equal(Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(3, _fixture.Sim.GetCounters().RequestsTo(EndpointNames.ListExecutions) - listRequestsBefore);
    }
}
