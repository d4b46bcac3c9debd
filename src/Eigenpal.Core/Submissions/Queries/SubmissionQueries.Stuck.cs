using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Submissions.Queries;

/// <summary>Stuck work: unfinished submissions whose state has not changed for too long.</summary>
public sealed partial class SubmissionQueries
{
    /// <summary>
    /// For each (unfinished state, threshold), how many submissions have been in that state for longer than
    /// the threshold (counted up to <paramref name="countCap"/>), and the <paramref name="limit"/> oldest of them.
    /// </summary>
    /// <remarks>
    /// Age is measured on the database clock against <c>updated_at</c>, the time of the last state change (polls
    /// do not move it), so a running execution that is merely long is stuck only past its threshold. A capped
    /// count reads at most <paramref name="countCap"/> index entries per state, even when a large batch waits.
    /// </remarks>
    public async Task<IReadOnlyList<StuckState>> StuckAsync(
        IReadOnlyDictionary<SubmissionState, TimeSpan> thresholds, int limit, int countCap, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var ordered = thresholds.OrderBy(t => t.Key).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var results = new List<StuckState>();
        foreach (var (state, olderThan) in ordered)
        {
            await using var count = new NpgsqlCommand("""
                SELECT count(*) FROM (
                    SELECT 1 FROM eigenpal.submissions s WHERE s.state = @state AND s.updated_at < now() - @age LIMIT @cap
                ) stuck
                """, connection);
            count.Parameters.AddWithValue("state", state.Name());
            count.Parameters.AddWithValue("age", NpgsqlDbType.Interval, olderThan);
            count.Parameters.AddWithValue("cap", countCap);
            var n = (long)(await count.ExecuteScalarAsync(cancellationToken) ?? 0L);
            var oldest = Array.Empty<SubmissionSummary>() as IReadOnlyList<SubmissionSummary>;
            if (n > 0)
            {
                await using var list = new NpgsqlCommand($"""
                    SELECT {SummaryColumns} FROM (
                        SELECT s.id, s.batch_id, s.workflow, s.source_name, s.state, s.state_reason, s.attempt, s.created_at, s.updated_at
                        FROM eigenpal.submissions s WHERE s.state = @state AND s.updated_at < now() - @age
                        ORDER BY s.updated_at, s.id LIMIT @limit
                    ) s {LatestAttemptJoin}
                    ORDER BY s.updated_at, s.id
                    """, connection);
                list.Parameters.AddWithValue("state", state.Name());
                list.Parameters.AddWithValue("age", NpgsqlDbType.Interval, olderThan);
                list.Parameters.AddWithValue("limit", limit);
                oldest = await ReadSummariesAsync(list, cancellationToken);
            }

            results.Add(new StuckState(state, olderThan, n, n >= countCap, oldest));
        }

        return results;
    }
}
