using Eigenpal.Insights;
using Eigenpal.Worker.Tests.Infrastructure;
using Npgsql;

namespace Eigenpal.Worker.Tests.Insights;

/// <summary>
/// Compares the totals that <see cref="SubmissionTotals"/> reads (folded counters + unfolded deltas) with a
/// count over the submissions themselves, both in one REPEATABLE READ snapshot, so the comparison is exact
/// even while writers and folds run.
/// </summary>
internal static class TotalsCheck
{
    /// <summary>(counted, kept) per workflow×state and per batch×state, read in one snapshot.</summary>
    public static async Task<(string Counted, string Kept)[]> ReadBothAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var batches = await ListAsync(connection, transaction, "SELECT DISTINCT batch_id FROM eigenpal.submissions WHERE batch_id IS NOT NULL", null);
        var byWorkflow = (
            await ListAsync(connection, transaction, "SELECT workflow, state, count(*) FROM eigenpal.submissions GROUP BY workflow, state ORDER BY workflow, state", null),
            await ListAsync(connection, transaction, SubmissionTotals.ByWorkflowSql, null));
        var ids = batches.Select(Guid.Parse).ToArray();
        var byBatch = (
            await ListAsync(connection, transaction, "SELECT batch_id, state, count(*) FROM eigenpal.submissions WHERE batch_id = ANY(@ids) GROUP BY batch_id, state ORDER BY batch_id, state", ids),
            await ListAsync(connection, transaction, SubmissionTotals.ByBatchSql, ids));
        await transaction.CommitAsync();
        return [(string.Join("\n", byWorkflow.Item1), string.Join("\n", byWorkflow.Item2)), (string.Join("\n", byBatch.Item1), string.Join("\n", byBatch.Item2))];
    }

    /// <summary>Asserts that the kept totals equal the counted ones, per workflow and per batch.</summary>
    public static async Task AssertExactAsync(NpgsqlDataSource dataSource)
    {
        foreach (var (counted, kept) in await ReadBothAsync(dataSource))
        {
            Assert.Equal(counted, kept);
        }
    }

    /// <summary>What the public API answers equals a count over the submissions (outside any shared snapshot: call it when nothing writes).</summary>
    public static async Task AssertPublicApiExactAsync(TrackingDatabase db)
    {
        var totals = new SubmissionTotals(db.DataSource);
        var counted = await db.ColumnAsync<string>("SELECT workflow || '/' || state || '=' || count(*) FROM eigenpal.submissions GROUP BY workflow, state ORDER BY workflow, state");
        Assert.Equal(counted, (await totals.ByWorkflowAndStateAsync()).Select(t => $"{t.Workflow}/{Eigenpal.Submissions.SubmissionStates.Name(t.State)}={t.Count}"));
        var batches = await db.ColumnAsync<Guid>("SELECT DISTINCT batch_id FROM eigenpal.submissions WHERE batch_id IS NOT NULL");
        var countedBatches = await db.ColumnAsync<string>("SELECT batch_id || '/' || state || '=' || count(*) FROM eigenpal.submissions WHERE batch_id IS NOT NULL GROUP BY batch_id, state ORDER BY batch_id, state");
        Assert.Equal(countedBatches, (await totals.ByBatchAsync(batches)).Select(t => $"{t.BatchId}/{Eigenpal.Submissions.SubmissionStates.Name(t.State)}={t.Count}"));
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid[]? ids)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("/", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
