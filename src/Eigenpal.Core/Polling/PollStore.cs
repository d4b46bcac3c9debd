using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Polling;

/// <summary>The SQL of polling: claiming due executions and recording what was observed.</summary>
internal sealed class PollStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> due executions for this worker. Rows locked by
    /// another worker are skipped, and claimed rows get a lease (their next poll time moves
    /// forward), so other workers leave them alone until this one records them or dies.
    /// </summary>
    public async Task<IReadOnlyList<DueExecution>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH due AS (
                SELECT id FROM eigenpal.executions
                WHERE next_poll_at <= now()
                ORDER BY next_poll_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE eigenpal.executions e SET next_poll_at = now() + @lease
            FROM due WHERE e.id = due.id
            RETURNING e.id, e.submission_id, e.attempt, e.workflow, e.remote_id, e.status, e.sent_at, now() - e.sent_at
            """);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("lease", lease);
        var due = new List<DueExecution>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            due.Add(ReadDue(reader));
        }

        return due;
    }

    /// <summary>
    /// Records one poll cycle's observations in one transaction; returns how many statuses changed.
    /// Two workers may record overlapping rows (one list page answers for executions another worker
    /// claimed), so rows are always locked in id order, and a deadlock that slips through anyway is
    /// retried: what was observed is not thrown away.
    /// </summary>
    public async Task<int> RecordAsync(IReadOnlyList<PolledExecution> polled, string observer, CancellationToken ct)
    {
        if (polled.Count == 0)
        {
            return 0;
        }

        var ordered = polled.OrderBy(p => p.Execution.Id).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordInOneTransactionAsync(ordered, observer, ct);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }

    private async Task<int> RecordInOneTransactionAsync(IReadOnlyList<PolledExecution> polled, string observer, CancellationToken ct)
    {
        var changed = 0;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (execution, observation, nextDelay) in polled)
        {
            if (observation is null || ExecutionState.Of(observation.Status) == execution.Status)
            {
                batch.BatchCommands.Add(Touch(execution, nextDelay, observer, observation is not null));
                continue;
            }

            changed++;
            AddStatusChange(batch, execution, observation, nextDelay, observer);
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        batch.Transaction = transaction;
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    private static NpgsqlBatchCommand Touch(DueExecution execution, TimeSpan nextDelay, string observer, bool polled)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE eigenpal.executions
            SET next_poll_at = now() + @delay,
                last_polled_at = CASE WHEN @polled THEN now() ELSE last_polled_at END,
                last_polled_by = CASE WHEN @polled THEN @observer ELSE last_polled_by END,
                poll_count = poll_count + CASE WHEN @polled THEN 1 ELSE 0 END
            WHERE id = @id AND status = @seen AND next_poll_at IS NOT NULL
            """);
        command.Parameters.AddWithValue("delay", nextDelay);
        command.Parameters.AddWithValue("polled", polled);
        command.Parameters.AddWithValue("observer", observer);
        command.Parameters.AddWithValue("id", execution.Id);
        // Another worker (or a cancel) may have recorded a final status meanwhile; never put it back on the schedule.
        command.Parameters.AddWithValue("seen", execution.Status);
        return command;
    }

    /// <summary>
    /// One statement per change, guarded by the status we saw before: if another worker recorded
    /// this change first, nothing is written twice (no second history row, no state flip-flop).
    /// Only the submission's latest attempt speaks for it.
    /// </summary>
    private static void AddStatusChange(NpgsqlBatch batch, DueExecution execution, ExecutionObservation observation, TimeSpan nextDelay, string observer)
    {
        var command = new NpgsqlBatchCommand("""
            WITH changed AS (
                UPDATE eigenpal.executions
                SET status = @status, result = @result::jsonb, error = @error,
                    remote_created_at = COALESCE(@created, remote_created_at),
                    started_at = COALESCE(@started, started_at),
                    completed_at = CASE WHEN @terminal THEN COALESCE(@completed, now()) END,
                    failure_category = @category, retryable = @retryable,
                    next_poll_at = CASE WHEN @terminal THEN NULL ELSE now() + @delay END,
                    last_polled_at = now(), last_polled_by = @observer, poll_count = poll_count + 1, updated_at = now()
                WHERE id = @id AND status = @from
                RETURNING id, submission_id, attempt),
            history AS (
                INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
                SELECT id, @from, @status, @observer, @detail FROM changed)
            UPDATE eigenpal.submissions s SET state = @state, state_reason = @error, updated_at = now()
            FROM changed WHERE s.id = changed.submission_id AND s.attempt = changed.attempt
            """);
        command.Parameters.AddWithValue("status", ExecutionState.Of(observation.Status));
        command.Parameters.AddWithValue("result", JsonbText.From(observation.Result));
        command.Parameters.AddWithValue("error", NpgsqlDbType.Text, (object?)observation.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("created", NpgsqlDbType.TimestampTz, (object?)observation.CreatedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("started", NpgsqlDbType.TimestampTz, (object?)observation.StartedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("completed", NpgsqlDbType.TimestampTz, (object?)observation.CompletedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("terminal", observation.Status.IsTerminal());
        command.Parameters.AddWithValue("category", NpgsqlDbType.Text, (object?)observation.FailureCategory ?? DBNull.Value);
        command.Parameters.AddWithValue("retryable", NpgsqlDbType.Boolean, (object?)observation.Retryable ?? DBNull.Value);
        command.Parameters.AddWithValue("delay", nextDelay);
        command.Parameters.AddWithValue("observer", observer);
        command.Parameters.AddWithValue("detail", "seen by " + observation.Source);
        command.Parameters.AddWithValue("id", execution.Id);
        command.Parameters.AddWithValue("from", execution.Status);
        command.Parameters.AddWithValue("state", ExecutionState.SubmissionStateFor(observation.Status));
        batch.BatchCommands.Add(command);
    }

    /// <summary>
    /// Of the remote ids a list page showed, the executions this store still tracks (not
    /// terminal), so one list call can update executions that were not claimed this cycle too.
    /// </summary>
    public async Task<IReadOnlyList<DueExecution>> FindTrackedAsync(IReadOnlyCollection<string> remoteIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, submission_id, attempt, workflow, remote_id, status, sent_at, now() - sent_at
            FROM eigenpal.executions
            WHERE remote_id = ANY(@ids) AND next_poll_at IS NOT NULL
            """);
        command.Parameters.AddWithValue("ids", remoteIds.ToArray());
        var tracked = new List<DueExecution>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tracked.Add(ReadDue(reader));
        }

        return tracked;
    }

    private static DueExecution ReadDue(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
        reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetTimeSpan(7));

}
