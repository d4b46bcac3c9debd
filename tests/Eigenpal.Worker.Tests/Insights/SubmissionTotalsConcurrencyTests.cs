using Eigenpal.Insights;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Npgsql;

namespace Eigenpal.Worker.Tests.Insights;

/// <summary>
/// The totals are counters kept by triggers in the same transaction as each change, folded now and then:
/// many writers at once (moving states, recording and deleting rows, a third of them rolling back, some
/// losing a deadlock) with folds running meanwhile must leave them equal to a count, at every moment and
/// after the last fold.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SubmissionTotalsConcurrencyTests(PostgresServer postgres)
{
    private const int Writers = 12;
    private const int TransactionsPerWriter = 40;

    [Fact]
    public async Task Totals_equal_a_count_during_and_after_concurrent_changes_rollbacks_and_folds()
    {
        var db = await TrackingDatabase.CreateAsync(postgres);
        await using var _ = db;
        for (var b = 0; b < 3; b++)
        {
            await db.Intake.RecordBatchAsync($"batch-{b}", SampleSubmissions.Mixed(150, $"c{b}"));
        }

        // Rows without a batch (an operator's SQL, say) count per workflow only.
        await using (var loose = db.DataSource.CreateCommand(
            "INSERT INTO eigenpal.submissions (id, workflow, idempotency_key, state) SELECT gen_random_uuid(), 'classify-text', 'loose-' || i, 'pending' FROM generate_series(1, 30) i"))
        {
            await loose.ExecuteNonQueryAsync();
        }

        var ids = await db.ColumnAsync<Guid>("SELECT id FROM eigenpal.submissions");
        var fold = new StateTotalsFold(db.DataSource);
        using var stop = new CancellationTokenSource();
        var checks = 0;
        var folded = 0L;
        var checker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await TotalsCheck.AssertExactAsync(db.DataSource);
                checks++;
            }
        });
        var folder = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                folded += await fold.FoldAsync();
                await Task.Delay(20);
            }
        });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(db.DataSource, ids, w))));
        stop.Cancel();
        await Task.WhenAll(checker, folder);

        await TotalsCheck.AssertExactAsync(db.DataSource);
        await fold.FoldAsync();
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_state_deltas"));
        await TotalsCheck.AssertPublicApiExactAsync(db);
        // The run really was concurrent and mixed: commits and rollbacks both happened, folds and checks ran meanwhile.
        Assert.True(outcomes.Sum(o => o.Committed) > Writers * 10, $"committed {outcomes.Sum(o => o.Committed)}");
        Assert.True(outcomes.Sum(o => o.RolledBack) > Writers * 5, $"rolled back {outcomes.Sum(o => o.RolledBack)}");
        Assert.True(folded > 0 && checks > 3, $"folded {folded}, checks {checks}");
    }

    // Each transaction moves a few submissions to other states one statement at a time, sometimes records
    // or deletes one, and then commits or (one in three) rolls back.
    private static async Task<(int Committed, int RolledBack)> WriteAsync(NpgsqlDataSource dataSource, List<Guid> ids, int writer)
    {
        var random = new Random(writer);
        var (committed, rolledBack) = (0, 0);
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var t = 0; t < TransactionsPerWriter; t++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            try
            {
                for (var s = 0; s < 1 + random.Next(4); s++)
                {
                    await using var move = new NpgsqlCommand("UPDATE eigenpal.submissions SET state = @state, updated_at = now() WHERE id = @id", connection, transaction);
                    move.Parameters.AddWithValue("state", SubmissionStates.AllNames[random.Next(SubmissionStates.AllNames.Count)]);
                    move.Parameters.AddWithValue("id", ids[random.Next(ids.Count)]);
                    await move.ExecuteNonQueryAsync();
                }

                if (random.Next(4) == 0)
                {
                    await using var record = new NpgsqlCommand("""
                        INSERT INTO eigenpal.submissions (id, workflow, idempotency_key, batch_id, state)
                        SELECT gen_random_uuid(), workflow, 'extra-' || gen_random_uuid(), batch_id, 'pending' FROM eigenpal.submissions WHERE id = @id
                        """, connection, transaction);
                    record.Parameters.AddWithValue("id", ids[random.Next(ids.Count)]);
                    await record.ExecuteNonQueryAsync();
                }

                if (random.Next(6) == 0)
                {
                    await using var delete = new NpgsqlCommand(
                        "DELETE FROM eigenpal.submissions WHERE id = (SELECT id FROM eigenpal.submissions WHERE idempotency_key LIKE 'extra-%' LIMIT 1 FOR UPDATE SKIP LOCKED)",
                        connection, transaction);
                    await delete.ExecuteNonQueryAsync();
                }

                if (random.Next(3) == 0)
                {
                    await transaction.RollbackAsync();
                    rolledBack++;
                }
                else
                {
                    await transaction.CommitAsync();
                    committed++;
                }
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected)
            {
                // The server rolled the loser back: nothing of it may be counted.
                await transaction.RollbackAsync();
                rolledBack++;
            }
        }

        return (committed, rolledBack);
    }
}
