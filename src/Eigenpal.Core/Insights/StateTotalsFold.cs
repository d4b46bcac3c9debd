using Npgsql;

namespace Eigenpal.Insights;

/// <summary>
/// Folds the state deltas that the triggers of migration 0010 append into the per-workflow and per-batch
/// totals, so that <see cref="SubmissionTotals"/> sums a few thousand rows rather than every change ever
/// made. A fold moves a chunk of deltas in one transaction (deleted and added to the totals together), so a
/// reader sees each delta exactly once, folded or not. Only one fold runs at a time across the fleet (an
/// advisory lock; a second one returns at once): two would not miscount (each delta is deleted once), but
/// they would queue on each other's rows for nothing. Writers never wait on a fold: they only append.
/// </summary>
public sealed class StateTotalsFold(NpgsqlDataSource dataSource)
{
    /// <summary>How many deltas one transaction folds at most: a backlog (no worker ran for a day) is folded in bounded steps.</summary>
    public const int ChunkSize = 50_000;

    // An arbitrary, fixed key ("totals" in ASCII), recognisable in pg_locks.
    private const long FoldLockKey = 0x746f_7461_6c73;

    private const string FoldSql = """
        WITH folded AS (
            DELETE FROM eigenpal.submission_state_deltas
            WHERE ctid = ANY (ARRAY(SELECT ctid FROM eigenpal.submission_state_deltas LIMIT @chunk))
            RETURNING workflow, batch_id, state, delta),
        by_workflow AS (
            INSERT INTO eigenpal.submission_totals_workflow AS t (workflow, state, count)
            SELECT workflow, state, sum(delta)::bigint FROM folded GROUP BY workflow, state
            ON CONFLICT (workflow, state) DO UPDATE SET count = t.count + excluded.count),
        by_batch AS (
            INSERT INTO eigenpal.submission_totals_batch AS t (batch_id, state, count)
            SELECT batch_id, state, sum(delta)::bigint FROM folded WHERE batch_id IS NOT NULL GROUP BY batch_id, state
            ON CONFLICT (batch_id, state) DO UPDATE SET count = t.count + excluded.count)
        SELECT count(*) FROM folded
        """;

    // Totals that reached zero (every submission of a state moved on) are dropped, so the tables hold only what exists.
    private const string PruneSql = """
        DELETE FROM eigenpal.submission_totals_workflow WHERE count = 0;
        DELETE FROM eigenpal.submission_totals_batch WHERE count = 0
        """;

    /// <summary>
    /// Folds every delta visible now, in chunks of <see cref="ChunkSize"/>; returns how many were folded
    /// (0 when another fold holds the lock).
    /// </summary>
    public async Task<long> FoldAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total = 0;
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
            {
                take.Parameters.AddWithValue("key", FoldLockKey);
                if (!(bool)(await take.ExecuteScalarAsync(cancellationToken))!)
                {
                    return total;
                }
            }

            long folded;
            await using (var fold = new NpgsqlCommand(FoldSql, connection, transaction))
            {
                fold.Parameters.AddWithValue("chunk", ChunkSize);
                folded = (long)(await fold.ExecuteScalarAsync(cancellationToken))!;
            }

            if (folded > 0)
            {
                await using var prune = new NpgsqlCommand(PruneSql, connection, transaction);
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            total += folded;
            if (folded < ChunkSize)
            {
                return total;
            }
        }
    }
}
