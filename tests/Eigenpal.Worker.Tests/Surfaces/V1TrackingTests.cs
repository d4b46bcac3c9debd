using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Eigenpal.Worker.Tests.Sending;

namespace Eigenpal.Worker.Tests.Surfaces;

/// <summary>
/// Tracking and cancelling runs sent on v1 (issue 8, "Tracking on v1"): the runs list answers for
/// what it carries (status, error), a get is made only for a completed run's output, and the states
/// recorded read the same as on the legacy surface.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class V1TrackingTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    private static readonly Dictionary<string, string?> OnV1 = new()
    {
        ["Eigenpal:Api"] = "v1",
        ["Eigenpal:Polling:MinInterval"] = "00:00:00.100",
        ["Eigenpal:Polling:MaxInterval"] = "00:00:01",
    };

    [Fact]
    public async Task Runs_sent_on_v1_are_tracked_to_their_end_and_only_completed_ones_cost_a_get()
    {
        await using var simulator = await SimulatorHost.StartAsync(o =>
        {
            o.Seed = 5;
            o.Workflows[Workflow] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(300), FailureRate = 0.4, RejectionRate = 0 };
        });
        var harness = Harness(OnV1, simulator.BaseUrl);
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            var id = await RecordInvoiceAsync(i);
            Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));
            ids.Add(id);
        }

        var poller = harness.NewPoller();
        await Eventually.WaitAsync(
            async () =>
            {
                await poller.PollDueAsync(CancellationToken.None);
                return await Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state IN ('completed', 'failed')");
            },
            final => final == ids.Count, Patience, "every v1 run to be tracked to its end");

        var completed = await Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'completed' AND result IS NOT NULL AND surface = 'v1'");
        var failed = await Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'failed' AND error IS NOT NULL AND surface = 'v1'");
        Assert.Equal(ids.Count, completed + failed);
        Assert.True(completed > 0 && failed > 0, $"the seed should give both outcomes ({completed} completed, {failed} failed)");
        var counters = simulator.GetCounters();
        Assert.True(counters.RequestsTo("runs.list") > 0, "the runs list answered for several runs at once");
        Assert.Equal(0, counters.RequestsTo("getExecution") + counters.RequestsTo("listExecutions"));
        Assert.True(counters.RequestsTo("runs.get") >= completed, "a completed run's output is read by a get");
    }

    [Fact]
    public async Task The_sweep_of_ended_runs_records_them_long_before_their_own_polls_are_due()
    {
        await using var simulator = await SimulatorHost.StartAsync(o =>
        {
            o.Seed = 9;
            o.Workflows[Workflow] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(300), FailureRate = 0.4, RejectionRate = 0 };
        });
        // Each run's own first poll is a minute away: only the sweep can end them within the test.
        var harness = Harness(new Dictionary<string, string?>
        {
            ["Eigenpal:Api"] = "v1",
            ["Eigenpal:Polling:MinInterval"] = "00:01:00",
            ["Eigenpal:Polling:MaxInterval"] = "00:02:00",
            ["Eigenpal:Polling:SweepInterval"] = "00:00:01",
        }, simulator.BaseUrl);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(await RecordInvoiceAsync(i), CancellationToken.None));
        }

        var poller = harness.NewPoller();
        await Eventually.WaitAsync(
            async () =>
            {
                await poller.PollDueAsync(CancellationToken.None);
                return await Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state IN ('completed', 'failed')");
            },
            final => final == 12, TimeSpan.FromSeconds(20), "the sweep to record every ended run");

        var completed = await Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'completed' AND result IS NOT NULL");
        var failed = await Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'failed' AND retryable IS NOT NULL AND failure_category IS NOT NULL");
        Assert.True(completed > 0 && failed > 0, $"{completed} completed and {failed} failed: the seed should give both");
        var counters = simulator.GetCounters();
        // One get per ended run: a completed one for its output, a failed one for its category and retryable flag
        // (reprocessing goes by them); the list carries neither.
        Assert.Equal(completed + failed, counters.RequestsTo("runs.get"));
        Assert.True(counters.RequestsTo("runs.list") <= 20, $"{counters.RequestsTo("runs.list")} list calls for 12 runs over a few sweeps");
    }

    [Fact]
    public async Task A_run_sent_on_v1_is_cancelled_on_v1_and_reads_as_on_the_legacy_surface()
    {
        var harness = Harness(OnV1);
        var id = await RecordInvoiceAsync(1);
        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));

        var result = await harness.NewCanceller().CancelSubmissionAsync(id);

        Assert.Contains(result.Outcome, new[] { "cancelled", "cancellation-requested" });
        Assert.Equal(await AttemptAsync<string>(id, "remote_id"), result.ExecutionId);
        Assert.Equal(1, Simulator.GetCounters().RequestsTo("runs.cancel"));
        Assert.Equal(0, Simulator.GetCounters().RequestsTo("cancelExecution"));

        var again = await harness.NewCanceller().CancelSubmissionAsync(id);
        Assert.Contains(again.Outcome, new[] { "already-terminal", "cancellation-requested", "cancelled" });
    }
}
