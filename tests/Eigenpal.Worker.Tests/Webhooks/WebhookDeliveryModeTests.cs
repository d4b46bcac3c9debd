using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using SimulatorWebhooks = Eigenpal.Simulator.V1.Webhooks.WebhookOptions;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>
/// The simulator's own deliveries, at their worst (late, repeated, reordered, lost), to a real worker:
/// every run still ends once, as polled, and polling alone finds the runs whose events were lost.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class WebhookDeliveryModeTests(PostgresServer postgres)
{
    [Fact]
    public async Task Late_repeated_reordered_and_lost_deliveries_leave_every_run_recorded_once_as_polled()
    {
        const int runs = 20;
        await using var worker = await WebhookWorker.StartAsync(
            postgres, DurationOptions.Uniform(1000, 3000),
            s =>
            {
                s.Settings["Eigenpal__Polling__MinInterval"] = "00:00:03";
                s.Settings["Eigenpal__Polling__MaxInterval"] = "00:00:03";
            },
            simulator: (o, endpoint, secret) =>
            {
                o.Webhooks = new SimulatorWebhooks { Url = endpoint.ToString(), Secret = secret };
                o.Modes.WebhookDelayMs = 300;
                o.Modes.WebhookRepeatRate = 0.5;
                o.Modes.WebhookReorderRate = 0.5;
                o.Modes.WebhookLossRate = 0.3;
            });
        await worker.Scenario.Database.Intake.RecordBatchAsync("modes", Enumerable.Range(0, runs).Select(i => SampleSubmissions.Invoice(i, "modes")).ToList());
        await worker.Scenario.WaitForAllFinalAsync(runs, TimeSpan.FromSeconds(60));

        var database = worker.Scenario.Database;
        Assert.Equal(runs, await database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'completed' AND result IS NOT NULL"));
        // One terminal change per run, and no status recorded twice for a run (no flip-flop back to an older one).
        Assert.Equal(runs, await database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.status_changes WHERE to_status = 'completed'"));
        Assert.Equal(0, await database.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM eigenpal.status_changes GROUP BY execution_id, to_status HAVING count(*) > 1) twice"));
        Assert.Equal(runs, worker.Scenario.Simulator.GetCounters().RequestsTo("runs.start"));

        var counters = worker.Scenario.Simulator.GetCounters();
        Assert.True(counters.WebhookLost > 0, "the loss mode should have dropped some events");
        var remembered = await database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.webhook_events");
        Assert.True(counters.WebhookDelivered > remembered, $"repeats answered 2xx ({counters.WebhookDelivered}) are remembered once ({remembered})");
        Assert.True(remembered <= counters.WebhookEvents - counters.WebhookLost, $"{remembered} ids for {counters.WebhookEvents - counters.WebhookLost} events delivered");
    }
}
