using Npgsql;

namespace Eigenpal.Insights;

/// <summary>
/// The dashboard's charts: submitted and finished per minute, and run durations per workflow, over the last hours.
/// Every query is bounded by its window (and the durations by a sample cap) and read through an index on its
/// time column, so it costs the window's rows, never the history's. Times are the database clock's.
/// </summary>
public sealed class ThroughputQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Every minute of the last <paramref name="hours"/> hours, oldest first, with zeros for quiet minutes.</summary>
    public async Task<IReadOnlyList<ThroughputMinute>> PerMinuteAsync(int hours, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.minute, COALESCE(sub.n, 0), COALESCE(fin.n, 0)
            FROM generate_series(date_trunc('minute', now() - make_interval(hours => @hours)), date_trunc('minute', now()), interval '1 minute') AS m(minute)
            LEFT JOIN (
                SELECT date_trunc('minute', s.created_at) AS minute, count(*) AS n
                FROM eigenpal.submissions s WHERE s.created_at >= date_trunc('minute', now() - make_interval(hours => @hours)) GROUP BY 1
            ) sub ON sub.minute = m.minute
            LEFT JOIN (
                SELECT date_trunc('minute', e.completed_at) AS minute, count(*) AS n
                FROM eigenpal.executions e WHERE e.completed_at >= date_trunc('minute', now() - make_interval(hours => @hours)) GROUP BY 1
            ) fin ON fin.minute = m.minute
            ORDER BY m.minute
            """);
        command.Parameters.AddWithValue("hours", hours);
        var minutes = new List<ThroughputMinute>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            minutes.Add(new ThroughputMinute(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return minutes;
    }

    /// <summary>
    /// p50 and p95 of the time from run request (<c>sent_at</c>) to completion of the runs that completed in the last
    /// <paramref name="hours"/> hours, per workflow, over at most the <paramref name="sampleCap"/> latest completions.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowDuration>> DurationsAsync(int hours, int sampleCap, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.workflow, count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY d.seconds),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY d.seconds)
            FROM (
                SELECT e.workflow, extract(epoch FROM e.completed_at - e.sent_at)::float8 AS seconds
                FROM eigenpal.executions e
                WHERE e.completed_at >= now() - make_interval(hours => @hours) AND e.status = 'completed'
                ORDER BY e.completed_at DESC LIMIT @cap
            ) d
            GROUP BY d.workflow ORDER BY d.workflow
            """);
        command.Parameters.AddWithValue("hours", hours);
        command.Parameters.AddWithValue("cap", sampleCap);
        var durations = new List<WorkflowDuration>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            durations.Add(new WorkflowDuration(
                reader.GetString(0), reader.GetInt64(1), TimeSpan.FromSeconds(reader.GetDouble(2)), TimeSpan.FromSeconds(reader.GetDouble(3))));
        }

        return durations;
    }
}
