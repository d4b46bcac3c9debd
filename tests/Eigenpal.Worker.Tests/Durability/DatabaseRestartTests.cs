using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Durability;

/// <summary>PostgreSQL restarting under a running worker delays work; the worker recovers by itself.</summary>
[Collection(PostgresTests.Name)]
public sealed class DatabaseRestartTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Worker_recovers_without_manual_action_when_postgres_restarts_mid_batch()
    {
        Skip.IfNot(postgres.CanRestart, "needs the local PostgreSQL started by scripts/test.sh (a Testcontainers server changes port on restart)");
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        await scenario.Database.Intake.RecordBatchAsync("pg-restart", SampleSubmissions.Mixed(200, "pgrestart"));

        var worker = scenario.StartWorker();
        await Eventually.WaitAsync(
            () => scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE remote_id IS NOT NULL"),
            sent => sent >= 50, TimeSpan.FromSeconds(60), "part of the batch to be sent");
        await postgres.RestartAsync();

        await scenario.WaitForAllFinalAsync(200, TimeSpan.FromSeconds(150));

        Assert.False(worker.HasExited, "the worker should ride out the restart:\n" + scenario.WorkerOutputTail());
        await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
    }
}
