using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Insights;

/// <summary>
/// Batches for the dashboard and <c>/api/v1/batches</c>: the newest first, keyset-paged, each with its progress.
/// Counts per state come from <see cref="SubmissionTotals"/>; this class adds only what the totals do not keep
/// (recent pace, last change), each read through the batch's own index and bounded by a time window.
/// </summary>
public sealed class BatchQueries(NpgsqlDataSource dataSource, SubmissionTotals totals)
{
    /// <summary>The batches recorded before <paramref name="after"/> (all when null), newest first, at most <paramref name="limit"/>, and the next page's cursor.</summary>
    public async Task<(IReadOnlyList<BatchInfo> Batches, PageCursor? Next)> PageAsync(int limit, PageCursor? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(after is null
            ? "SELECT id, name, workflow, created_at FROM eigenpal.batches ORDER BY created_at DESC, id DESC LIMIT @limit"
            : "SELECT id, name, workflow, created_at FROM eigenpal.batches WHERE (created_at, id) < (@after_at, @after_id) ORDER BY created_at DESC, id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit + 1);
        if (after is { } cursor)
        {
            command.Parameters.AddWithValue("after_at", NpgsqlDbType.TimestampTz, cursor.At);
            command.Parameters.AddWithValue("after_id", cursor.Id);
        }

        var batches = new List<BatchInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(Read(reader));
        }

        if (batches.Count <= limit)
        {
            return (batches, null);
        }

        batches.RemoveAt(batches.Count - 1);
        return (batches, new PageCursor(batches[^1].CreatedAt, batches[^1].Id));
    }

    /// <summary>The batch with this id; null when none was recorded.</summary>
    public async Task<BatchInfo?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, workflow, created_at FROM eigenpal.batches WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The progress of each batch, in the order given; <paramref name="rateWindow"/> is what "recently" means for the pace.</summary>
    public async Task<IReadOnlyList<BatchProgress>> ProgressAsync(IReadOnlyList<BatchInfo> batches, TimeSpan rateWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            return [];
        }

        var ids = batches.Select(b => b.Id).ToArray();
        var counts = (await totals.ByBatchAsync(ids, cancellationToken))
            .GroupBy(t => t.BatchId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<SubmissionState, long>)g.ToDictionary(t => t.State, t => t.Count));
        // Per batch and state, one index probe each: the newest change, and the final ones within the window.
        await using var command = dataSource.CreateCommand("""
            SELECT b.id,
                   (SELECT count(*) FROM unnest(@final::text[]) f(state)
                    CROSS JOIN LATERAL (
                        SELECT 1 FROM eigenpal.submissions s
                        WHERE s.batch_id = b.id AND s.state = f.state AND s.updated_at >= now() - @window) x),
                   (SELECT max(l.updated_at) FROM unnest(@all::text[]) a(state)
                    CROSS JOIN LATERAL (
                        SELECT s.updated_at FROM eigenpal.submissions s
                        WHERE s.batch_id = b.id AND s.state = a.state ORDER BY s.updated_at DESC LIMIT 1) l)
            FROM unnest(@ids::uuid[]) b(id)
            """);
        command.Parameters.AddWithValue("final", SubmissionStates.All.Where(s => s.IsFinal()).Select(s => s.Name()).ToArray());
        command.Parameters.AddWithValue("all", SubmissionStates.AllNames.ToArray());
        command.Parameters.AddWithValue("window", NpgsqlDbType.Interval, rateWindow);
        command.Parameters.AddWithValue("ids", ids);
        var activity = new Dictionary<Guid, (long Recent, DateTimeOffset? Last)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                activity[reader.GetGuid(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        return [.. batches.Select(b => new BatchProgress(
            b,
            counts.TryGetValue(b.Id, out var c) ? c : new Dictionary<SubmissionState, long>(),
            activity.TryGetValue(b.Id, out var a) ? a.Recent : 0,
            rateWindow,
            activity.TryGetValue(b.Id, out var l) ? l.Last : null))];
    }

    private static BatchInfo Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
}
