using Npgsql;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// The SQL of webhook events: remembering an event id and moving its run's next poll to now, in one
/// statement (so a repeat never moves anything), and purging ids older than the retention.
/// </summary>
internal sealed class WebhookEventStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records <paramref name="eventId"/> once. The first time, a run this store still polls
    /// (<c>next_poll_at IS NOT NULL</c>) is hinted (<c>hint_due_at = now()</c>), which the poller claims
    /// first; no state, status, result or schedule is written. A repeated id changes nothing.
    /// </summary>
    public async Task<WebhookReceipt> RecordAsync(string eventId, RunEvent runEvent, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH seen AS (
                INSERT INTO eigenpal.webhook_events (event_id, event_type, run_id) VALUES (@event_id, @type, @run_id)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id),
            hinted AS (
                UPDATE eigenpal.executions SET hint_due_at = now()
                WHERE remote_id = @run_id AND next_poll_at IS NOT NULL AND EXISTS (SELECT 1 FROM seen)
                RETURNING id)
            SELECT EXISTS (SELECT 1 FROM seen), EXISTS (SELECT 1 FROM hinted)
            """);
        command.Parameters.AddWithValue("event_id", eventId);
        command.Parameters.AddWithValue("type", runEvent.Type);
        command.Parameters.AddWithValue("run_id", (object?)runEvent.RunId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return !reader.GetBoolean(0) ? WebhookReceipt.Duplicate
            : reader.GetBoolean(1) ? WebhookReceipt.Hinted
            : WebhookReceipt.UntrackedRun;
    }

    /// <summary>
    /// Forgets event ids received longer than <paramref name="retention"/> ago (database clock), and
    /// hints left on runs that ended before a poll claimed them (they would never be claimed).
    /// </summary>
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var events = new NpgsqlBatchCommand("DELETE FROM eigenpal.webhook_events WHERE received_at < now() - @retention");
        events.Parameters.AddWithValue("retention", retention);
        batch.BatchCommands.Add(events);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "UPDATE eigenpal.executions SET hint_due_at = NULL WHERE hint_due_at IS NOT NULL AND next_poll_at IS NULL"));
        await batch.ExecuteNonQueryAsync(ct);
        return events.RecordsAffected;
    }
}
