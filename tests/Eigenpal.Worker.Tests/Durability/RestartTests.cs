using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Durability;

/// <summary>A worker that stops or dies mid-batch loses nothing and sends nothing twice once it is back.</summary>
[Collection(PostgresTests.Name)]
public sealed class RestartTests(PostgresServer postgres)
{
    private const int BatchSize = 300;

    [Fact]
    public async Task Worker_stopped_gracefully_mid_batch_and_restarted_completes_every_submission_once()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        await scenario.Database.Intake.RecordBatchAsync("graceful", SampleSubmissions.Mixed(BatchSize, "graceful"));

        var first = scenario.StartWorker();
        await WaitUntilMidBatchAsync(scenario);
        await first.StopAsync(TimeSpan.FromSeconds(30));

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(BatchSize, TimeSpan.FromSeconds(120));

        await AssertEachSubmissionRanExactlyOnceAsync(scenario);
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task Worker_killed_with_SIGKILL_mid_batch_and_restarted_completes_every_submission_once(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: surface);
        await scenario.Database.Intake.RecordBatchAsync("killed", SampleSubmissions.Mixed(BatchSize, "killed"));

        var first = scenario.StartWorker();
        await WaitUntilMidBatchAsync(scenario);
        await first.KillAsync();
        var leftInFlight = await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state IN ('pending', 'sending', 'running')");

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(BatchSize, TimeSpan.FromSeconds(150));

        Assert.True(leftInFlight > 0, "the kill should have left work in flight");
        await AssertEachSubmissionRanExactlyOnceAsync(scenario);
    }

    private static Task<long> WaitUntilMidBatchAsync(WorkerScenario scenario) =>
        Eventually.WaitAsync(
            () => scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE remote_id IS NOT NULL"),
            sent => sent >= BatchSize / 4, TimeSpan.FromSeconds(60), "a quarter of the batch to be sent",
            async () => scenario.WorkerOutputTail());

    internal static async Task AssertEachSubmissionRanExactlyOnceAsync(WorkerScenario scenario)
    {
        var counters = scenario.Simulator.GetCounters();
        var submissions = await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions");
        Assert.Equal(submissions, counters.ExecutionsCreated);
        Assert.Equal(0, counters.DuplicateInputExecutions);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state IN ('error', 'undetermined')"));
        Assert.Equal(submissions, await scenario.Database.ScalarAsync<long>("SELECT count(DISTINCT remote_id) FROM eigenpal.executions"));
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM eigenpal.submissions s WHERE state IN ('completed', 'failed', 'rejected', 'cancelled') AND NOT EXISTS " +
            "(SELECT 1 FROM eigenpal.executions e WHERE e.submission_id = s.id AND e.attempt = s.attempt AND e.status = s.state)"));
    }
}
