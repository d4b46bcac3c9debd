using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using Npgsql;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>
/// A batch run to its end by a real worker against a simulator where about half the runs fail (the
/// simulator's mix of retryable and permanent failures) and some invoices are rejected; then its
/// failures are made two hours old, past the one-hour minimum age the scenario sets, so a retry that
/// fails again during the test is "too recent" for any later run.
/// </summary>
internal static class FailedBatch
{
    /// <param name="beforeWorkers">Records more before any worker runs; returns how many it recorded.</param>
    public static async Task<WorkerScenario> StartAsync(
        PostgresServer postgres, int count, int workers = 1, Action<Dictionary<string, string>>? settings = null, Func<WorkerScenario, Task<int>>? beforeWorkers = null)
    {
        var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Workflows["extract-invoice"].FailureRate = 0.5;
            o.Workflows["extract-invoice"].RejectionRate = 0.1;
            o.Workflows["classify-text"].FailureRate = 0.5;
        });
        scenario.Settings["Eigenpal__Reprocess__MinAge"] = "01:00:00";
        settings?.Invoke(scenario.Settings);
        await scenario.Database.Intake.RecordBatchAsync("nightly", SampleSubmissions.Mixed(count, "nightly"));
        var more = beforeWorkers is null ? 0 : await beforeWorkers(scenario);
        for (var i = 0; i < workers; i++)
        {
            scenario.StartWorker();
        }

        await scenario.WaitForAllFinalAsync(count + more, TimeSpan.FromSeconds(120));
        await AgeAsync(scenario.Database, TimeSpan.FromHours(2));
        return scenario;
    }

    /// <summary>Moves every recorded end (and change) <paramref name="age"/> into the past.</summary>
    public static async Task AgeAsync(TrackingDatabase database, TimeSpan age)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE eigenpal.executions SET completed_at = completed_at - @age WHERE completed_at IS NOT NULL;
            UPDATE eigenpal.submissions SET updated_at = updated_at - @age;
            """);
        command.Parameters.Add(new NpgsqlParameter("age", age));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many submissions are failed with the API's retryable flag as given, and fewer attempts than <paramref name="max"/>.</summary>
    public static Task<long> FailedAsync(TrackingDatabase database, bool retryable, string? workflow = null, int max = 3) =>
        database.ScalarAsync<long>($"""
            SELECT count(*) FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.state = 'failed' AND e.retryable = {(retryable ? "true" : "false")} AND s.attempt < {max}
            {(workflow is null ? "" : $"AND s.workflow = '{workflow}'")}
            """);

    /// <summary>
    /// Every attempt that reached the API made exactly one run, and no run was made twice: the simulator
    /// created as many runs as there are attempts with an execution id, and saw no input run again while
    /// an earlier run of it had not failed.
    /// </summary>
    public static async Task AssertOneRunPerAttemptAsync(WorkerScenario scenario)
    {
        var counters = scenario.Simulator.GetCounters();
        Assert.Equal(0, counters.DuplicateInputExecutions);
        var attemptsWithRuns = await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE remote_id IS NOT NULL");
        Assert.Equal(attemptsWithRuns, counters.ExecutionsCreated);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state IN ('error', 'undetermined')"));
    }

    /// <summary>Each submission's attempt count, to compare before and after.</summary>
    public static async Task<Dictionary<Guid, int>> AttemptsAsync(TrackingDatabase database)
    {
        var attempts = new Dictionary<Guid, int>();
        await using var command = database.DataSource.CreateCommand("SELECT id, attempt FROM eigenpal.submissions");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            attempts[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        return attempts;
    }
}
