using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests;

/// <summary>Status progression and cancel semantics, on a clock the test moves by hand.</summary>
public sealed class TimelineTests(FakeClockSimulatorFixture fixture) : IClassFixture<FakeClockSimulatorFixture>
{
    private readonly Api api = fixture.Api;

    private void Advance(double seconds) => fixture.Clock.Advance(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task Execution_moves_through_every_status_in_order()
    {
        var id = await api.RunTextAsync("timeline");
        var seen = new List<string> { await api.StatusAsync(id) };
        foreach (var step in new[] { 1.0, 1.0, 5.0, 2.0, 2.0 })
        {
            Advance(step);
            seen.Add(await api.StatusAsync(id));
        }

        Assert.Equal(["created", "pending", "running", "waiting", "finalizing", "completed"], seen);
        var done = await api.ExecutionAsync(id);
        Assert.Contains("completedAt", Keys(done));
        Assert.Contains("result", Keys(done));
    }

    [Fact]
    public async Task Running_execution_reports_its_current_phase()
    {
        var id = await api.RunTextAsync("phase");
        Advance(3);
        var body = await api.ExecutionAsync(id);
        Assert.Equal("running", body["status"]!.GetValue<string>());
        Assert.Equal("running", body["observability"]!["currentPhase"]!.GetValue<string>());
        Assert.DoesNotContain("failure", Keys(body["observability"]));
        Advance(10);
    }

    [Fact]
    public async Task Cancel_of_created_execution_cancels_now()
    {
        var id = await api.RunTextAsync("cancel-created");
        var (response, body) = await api.PostAsync($"{Base}/executions/{id}/cancel");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["executionId", "status", "wasStatus"], Keys(body));
        Assert.Equal("cancelled", body["status"]!.GetValue<string>());
        Assert.Equal("created", body["wasStatus"]!.GetValue<string>());
        Assert.Equal("cancelled", await api.StatusAsync(id));
        Assert.Contains("completedAt", Keys(await api.ExecutionAsync(id)));
    }

    [Fact]
    public async Task Cancel_of_pending_execution_cancels_now()
    {
        var id = await api.RunTextAsync("cancel-pending");
        Advance(1);
        var (_, body) = await api.PostAsync($"{Base}/executions/{id}/cancel");
        Assert.Equal("cancelled", body["status"]!.GetValue<string>());
        Assert.Equal("pending", body["wasStatus"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(3.0, "running", 3.5)]
    [InlineData(7.0, "waiting", 1.5)]
    [InlineData(9.0, "finalizing", 1.5)]
    public async Task Cancel_of_active_execution_takes_effect_at_its_next_status_change(double after, string was, double untilNextChange)
    {
        var id = await api.RunTextAsync($"cancel-{was}");
        Advance(after);
        var (_, body) = await api.PostAsync($"{Base}/executions/{id}/cancel");
        Assert.Equal("cancellation-requested", body["status"]!.GetValue<string>());
        Assert.Equal(was, body["wasStatus"]!.GetValue<string>());

        var (_, again) = await api.PostAsync($"{Base}/executions/{id}/cancel");
        Assert.Equal("cancellation-requested", again["status"]!.GetValue<string>());
        Assert.Equal(was, await api.StatusAsync(id));

        Advance(untilNextChange);
        var cancelled = await api.ExecutionAsync(id);
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.DoesNotContain("result", Keys(cancelled));
        Assert.Contains(cancelled["observability"]!["phases"]!.AsArray(), p => p!["status"]!.GetValue<string>() == "cancelled");
    }

    [Fact]
    public async Task Cancel_of_terminal_execution_is_already_terminal()
    {
        var id = await api.RunTextAsync("cancel-done");
        Advance(11);
        var (_, body) = await api.PostAsync($"{Base}/executions/{id}/cancel");
        Assert.Equal("already-terminal", body["status"]!.GetValue<string>());
        Assert.Equal("completed", body["wasStatus"]!.GetValue<string>());
        Assert.Equal("completed", await api.StatusAsync(id));
    }

    [Fact]
    public async Task Cancel_of_unknown_execution_is_404()
    {
        var (response, _) = await api.PostAsync($"{Base}/executions/exec_unknown/cancel");
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task List_filters_by_status_list_relative_dates_and_pages_with_total()
    {
        fixture.Host.Reset();
        var old = await api.RunTextAsync("old");
        Advance(3600 * 3);
        var recent = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            recent.Add(await api.RunTextAsync($"recent {i}"));
        }

        Advance(3); // all five are running now; the old one completed long ago
        await api.PostAsync($"{Base}/executions/{recent[0]}/cancel");
        Advance(4); // the cancel takes effect at the next status change (6 s)

        var (_, lastHour) = await api.GetAsync($"{Base}/classify-text/executions?fromDate=now()-1h");
        Assert.Equal(5, lastHour["total"]!.GetValue<int>());
        var (_, shortForm) = await api.GetAsync($"{Base}/wf_c3p9classifytx/executions?fromDate=-30m&toDate=now()");
        Assert.Equal(5, shortForm["total"]!.GetValue<int>());
        var (_, before) = await api.GetAsync($"{Base}/classify-text/executions?toDate=-2h");
        Assert.Equal(old, Assert.Single(before["data"]!.AsArray())!["id"]!.GetValue<string>());
        var iso = fixture.Clock.GetUtcNow().AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var (_, isoFrom) = await api.GetAsync($"{Base}/classify-text/executions?fromDate={Uri.EscapeDataString(iso)}");
        Assert.Equal(5, isoFrom["total"]!.GetValue<int>());

        var (_, terminal) = await api.GetAsync($"{Base}/classify-text/executions?status=completed,cancelled");
        Assert.Equal(2, terminal["total"]!.GetValue<int>());
        Assert.Equal(new[] { recent[0], old }.Order(), terminal["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order());
        var (_, waiting) = await api.GetAsync($"{Base}/classify-text/executions?status=waiting");
        Assert.Equal(4, waiting["total"]!.GetValue<int>());

        var (_, page) = await api.GetAsync($"{Base}/classify-text/executions?limit=2&offset=3");
        Assert.Equal(6, page["total"]!.GetValue<int>());
        Assert.Equal(2, page["limit"]!.GetValue<int>());
        Assert.Equal(3, page["offset"]!.GetValue<int>());
        Assert.Equal([recent[1], recent[0]], page["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Advance(20);
    }
}
