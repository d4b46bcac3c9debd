using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Cli;
using Eigenpal.Worker.Tests.Infrastructure;
using Npgsql;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>
/// Reprocess runs that overlap — the recurring job fired on two workers and the command at once, or a
/// run after one whose worker was killed half-way — never give a submission two new attempts. The
/// overlap is made certain, not hoped for: the test holds the failed rows locked until every run has
/// read its candidates and is waiting to move them.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ReprocessConcurrencyTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_runs_of_the_job_and_the_command_at_the_same_time_give_each_failure_one_new_attempt()
    {
        await using var scenario = await FailedBatch.StartAsync(postgres, 40, workers: 2);
        var db = scenario.Database;
        var retryable = await FailedBatch.FailedAsync(db, retryable: true);
        Assert.True(retryable > 3, $"only {retryable} retryable failures");
        var before = await FailedBatch.AttemptsAsync(db);

        await using (var gate = await RowGate.LockAsync(db, "state = 'failed'"))
        {
            HangfireStore.TriggerNow(db.ConnectionString, "reprocess-failed");
            HangfireStore.TriggerNow(db.ConnectionString, "reprocess-failed");
            var command = CliRun.RunAsync(scenario.Settings, "reprocess", "--json");
            await gate.WaitForBlockedAsync(3);
            await gate.DisposeAsync();
            var run = await command;
            Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        }

        var reports = await Eventually.WaitAsync(
            () => db.ColumnAsync<string>("SELECT trigger || ':' || resubmitted || ':' || COALESCE(skipped->>'taken meanwhile', '0') FROM eigenpal.reprocess_runs WHERE finished_at IS NOT NULL"),
            r => r.Count == 3, TimeSpan.FromSeconds(30), "three finished reprocess runs");
        var parts = reports.Select(r => r.Split(':')).ToList();
        Assert.Equal(["command", "dashboard", "dashboard"], parts.Select(p => p[0]).Order());
        // Every retryable failure was moved by exactly one of the three; the other two found it taken.
        Assert.Equal(retryable, parts.Sum(p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2 * retryable, parts.Sum(p => long.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)));

        await scenario.WaitForAllFinalAsync(before.Count, TimeSpan.FromSeconds(90));
        var after = await FailedBatch.AttemptsAsync(db);
        Assert.Equal(retryable, after.Count(a => a.Value == before[a.Key] + 1));
        Assert.DoesNotContain(after, a => a.Value > before[a.Key] + 1);
        await FailedBatch.AssertOneRunPerAttemptAsync(scenario);
    }

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_run_leaves_the_rest_to_the_next_run_without_duplicates()
    {
        // Ten moves per statement: the run commits its first ten, then waits on the locked rest, and its worker is killed there.
        await using var scenario = await FailedBatch.StartAsync(postgres, 80, settings: s => s["Eigenpal__Reprocess__MovesPerStatement"] = "10");
        var db = scenario.Database;
        var retryable = await FailedBatch.FailedAsync(db, retryable: true);
        Assert.True(retryable > 15, $"only {retryable} retryable failures");
        var before = await FailedBatch.AttemptsAsync(db);
        var oldestTen = await db.ColumnAsync<Guid>("""
            SELECT s.id FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.state = 'failed' AND e.retryable ORDER BY COALESCE(e.completed_at, s.updated_at), s.id LIMIT 10
            """);

        await using (var gate = await RowGate.LockAsync(db, $"state = 'failed' AND id NOT IN ({string.Join(", ", oldestTen.Select(id => $"'{id}'"))})"))
        {
            HangfireStore.TriggerNow(db.ConnectionString, "reprocess-failed");
            await gate.WaitForBlockedAsync(1);
            await scenario.Workers.Single().KillAsync();
        }

        var killedRun = await db.ScalarAsync<Guid>("SELECT id FROM eigenpal.reprocess_runs");
        Assert.Equal("10:true", await db.ScalarAsync<string>("SELECT resubmitted || ':' || (finished_at IS NULL) FROM eigenpal.reprocess_runs"));

        // The next run (the command, and a new worker to send what it moves) finishes the job.
        scenario.StartWorker();
        var next = await CliRun.RunAsync(scenario.Settings, "reprocess", "--json");
        Assert.True(next.ExitCode == ExitCodes.Success, next.ToString());

        await scenario.WaitForAllFinalAsync(before.Count, TimeSpan.FromSeconds(90));
        var after = await FailedBatch.AttemptsAsync(db);
        Assert.Equal(retryable, after.Count(a => a.Value == before[a.Key] + 1));
        Assert.DoesNotContain(after, a => a.Value > before[a.Key] + 1);
        // The killed run's statement that was waiting may still have gone through once the rows were free
        // (PostgreSQL finishes a statement whose client died); whatever it moved, the next run did not.
        var movedByKilled = await db.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.executions WHERE made_because LIKE 'reprocess run {killedRun} %'");
        Assert.True(movedByKilled >= 10, $"the killed run's first ten were committed, found {movedByKilled}");
        Assert.Equal(retryable, movedByKilled + (long)next.Json["resubmitted"]!);
        await FailedBatch.AssertOneRunPerAttemptAsync(scenario);
        var history = await CliRun.RunAsync(scenario.Settings, "reprocess", "--history");
        Assert.Contains("not finished (running, or stopped half-way)", history.Output, StringComparison.Ordinal);
    }
}

/// <summary>
/// Holds submissions rows locked (<c>FOR UPDATE</c> in an open transaction) so that reprocess runs read
/// their candidates but wait to move them; disposing releases the rows.
/// </summary>
internal sealed class RowGate : IAsyncDisposable
{
    private readonly TrackingDatabase _database;
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    private RowGate(TrackingDatabase database, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _database = database;
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<RowGate> LockAsync(TrackingDatabase database, string where)
    {
        var connection = await database.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM eigenpal.submissions WHERE {where} FOR UPDATE", connection, transaction);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
            }
        }

        return new RowGate(database, connection, transaction);
    }

    /// <summary>Waits until <paramref name="sessions"/> reprocess runs wait on the locked rows to move them.</summary>
    public async Task WaitForBlockedAsync(int sessions)
    {
        await Eventually.WaitAsync(
            () => _database.ColumnAsync<int>("""
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE eigenpal.submissions s%unnest%'
                """),
            pids => pids.Count >= sessions, TimeSpan.FromSeconds(30), $"{sessions} reprocess run(s) waiting on the locked rows");
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync();
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
