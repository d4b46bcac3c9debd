using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Hosting;

/// <summary>Polling runs on a Hangfire server of its own in each worker process, so submissions cannot starve it.</summary>
[Collection(PostgresTests.Name)]
public sealed class PollServerTests(PostgresServer postgres)
{
    private sealed record Progress(long Final, long Unsent)
    {
        public override string ToString() => $"final {Final}, not sent yet {Unsent}";
    }

    [Fact]
    public async Task Executions_are_polled_to_completion_while_slow_run_requests_keep_every_submit_thread_busy()
    {
        const int batch = 80;
        // Every run request takes 0.6–0.8 s; two submit threads, each with a chunk of 40 sent two at a time,
        // stay busy for about 14 s. With polling on those threads nothing would end before the last send.
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
            o.Faults = new FaultOptions { LatencyMinMs = 600, LatencyMaxMs = 800, Endpoints = ["runWorkflow"] });
        scenario.Settings["Eigenpal__Worker__WorkerCount"] = "2";
        scenario.Settings["Eigenpal__Worker__SendConcurrency"] = "2";
        scenario.Settings["Eigenpal__Worker__ChunkSize"] = "40";
        await scenario.Database.Intake.RecordBatchAsync("busy", SampleSubmissions.Mixed(batch, "busy"));

        scenario.StartWorker();
        var progress = await Eventually.WaitAsync(
            async () => new Progress(
                await scenario.Database.FinalCountAsync(),
                await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state IN ('pending', 'sending')")),
            p => p.Final >= 10 || (p.Unsent == 0 && p.Final < 10),
            TimeSpan.FromSeconds(60), "ten submissions to end, or every one to be sent", async () => scenario.WorkerOutputTail());

        Assert.True(progress.Unsent > 0, $"nothing ended before every run had been sent ({progress}): polling waited for the submit threads");
        // One process, two servers: the poll server serves the poll queue alone, with its own threads.
        var servers = await scenario.Database.ColumnAsync<string>(
            "SELECT (data::jsonb ->> 'WorkerCount') || ' ' || (data::jsonb ->> 'Queues') FROM hangfire.server ORDER BY 1");
        Assert.Equal(["2 [\"poll\"]", "2 [\"submit\", \"default\"]"], servers);

        await scenario.WaitForAllFinalAsync(batch, TimeSpan.FromSeconds(90));
        await Durability.RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
    }
}
