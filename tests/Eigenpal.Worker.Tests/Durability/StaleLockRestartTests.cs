using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Durability;

/// <summary>
/// A worker SIGKILLed while Hangfire's scheduler holds the poll tick's recurring-job lock leaves the
/// lock row behind (Hangfire.PostgreSql locks are rows, removed as stale only after
/// DistributedLockTimeout). A worker started at once after it must still start and do the work:
/// the fault suite's kills hit this window now and then (the scheduler takes the lock every second).
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class StaleLockRestartTests(PostgresServer postgres)
{
    private const string PollTickLock = "hangfire:lock:recurring-job:poll-executions";

    [Fact]
    public async Task A_worker_restarted_while_a_killed_workers_recurring_job_lock_is_still_held_starts_and_finishes_the_batch()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        var first = scenario.StartWorker();
        await Eventually.WaitAsync(
            () => scenario.Database.ScalarAsync<long>("SELECT count(*) FROM hangfire.server"), n => n >= 1, TimeSpan.FromSeconds(60),
            "the first worker's Hangfire server to be up", async () => scenario.WorkerOutputTail());
        await first.KillAsync();

        // The row the killed worker's scheduler leaves when the kill lands while it holds the lock.
        await scenario.Database.ScalarAsync<long>(
            $"WITH l AS (INSERT INTO hangfire.lock (resource, acquired) VALUES ('{PollTickLock}', now()) " +
            "ON CONFLICT (resource) DO UPDATE SET acquired = now() RETURNING 1) SELECT count(*) FROM l");

        var second = scenario.StartWorker();
        await scenario.Database.Intake.RecordBatchAsync("stale-lock", SampleSubmissions.Mixed(10, "stalelock"));
        await Eventually.WaitAsync(
            async () => second.HasExited
                ? throw new InvalidOperationException("the restarted worker exited:\n" + string.Join('\n', second.Output.Split('\n').TakeLast(30)))
                : await scenario.Database.FinalCountAsync(),
            final => final >= 10, TimeSpan.FromSeconds(90), "10 submissions to be final after the restart",
            async () => await scenario.Database.DescribeAsync() + "\n" + scenario.WorkerOutputTail());

        Assert.False(second.HasExited);
        await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
    }
}
