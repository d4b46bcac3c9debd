using System.Text.Json;
using Eigenpal.Api;
using Eigenpal.Executions;
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
            due.Add(new DueExecution(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetTimeSpan(7)));
        }

        return due;
    }

    /// <summary>Records one poll cycle's observations in one transaction; returns how many statuses changed.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<PolledExecution> polled, string observer, CancellationToken ct)
    {
        if (polled.Count == 0)
        {
            return 0;
        }

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
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("delay", nextDelay);
        command.Parameters.AddWithValue("polled", polled);
        command.Parameters.AddWithValue("observer", observer);
        command.Parameters.AddWithValue("id", execution.Id);
        return command;
    }

    private static void AddStatusChange(NpgsqlBatch batch, DueExecution execution, ExecutionObservation observation, TimeSpan nextDelay, string observer)
    {
        var status = ExecutionState.Of(observation.Status);
        var terminal = observation.Status.IsTerminal();
        var update = new NpgsqlBatchCommand("""
            UPDATE eigenpal.executions
            SET status = @status, result = @result, error = @error,
                remote_created_at = COALESCE(@created, remote_created_at),
                started_at = COALESCE(@started, started_at),
                completed_at = CASE WHEN @terminal THEN COALESCE(@completed, now()) END,
                failure_category = @category, retryable = @retryable,
                next_poll_at = CASE WHEN @terminal THEN NULL ELSE now() + @delay END,
                last_polled_at = now(), last_polled_by = @observer, poll_count = poll_count + 1, updated_at = now()
            WHERE id = @id
            """);
        update.Parameters.AddWithValue("status", status);
        update.Parameters.Add(new NpgsqlParameter("result", NpgsqlDbType.Jsonb) { Value = Json(observation.Result) });
        update.Parameters.AddWithValue("error", (object?)observation.Error ?? DBNull.Value);
        update.Parameters.AddWithValue("created", NpgsqlDbType.TimestampTz, (object?)observation.CreatedAt ?? DBNull.Value);
        update.Parameters.AddWithValue("started", NpgsqlDbType.TimestampTz, (object?)observation.StartedAt ?? DBNull.Value);
        update.Parameters.AddWithValue("completed", NpgsqlDbType.TimestampTz, (object?)observation.CompletedAt ?? DBNull.Value);
        update.Parameters.AddWithValue("terminal", terminal);
        update.Parameters.AddWithValue("category", (object?)observation.FailureCategory ?? DBNull.Value);
        update.Parameters.AddWithValue("retryable", NpgsqlDbType.Boolean, (object?)observation.Retryable ?? DBNull.Value);
        update.Parameters.AddWithValue("delay", nextDelay);
        update.Parameters.AddWithValue("observer", observer);
        update.Parameters.AddWithValue("id", execution.Id);
        batch.BatchCommands.Add(update);

        var history = new NpgsqlBatchCommand("""
            INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
            VALUES (@id, @from, @to, @observer, @detail)
            """);
        history.Parameters.AddWithValue("id", execution.Id);
        history.Parameters.AddWithValue("from", execution.Status);
        history.Parameters.AddWithValue("to", status);
        history.Parameters.AddWithValue("observer", observer);
        history.Parameters.AddWithValue("detail", "seen by " + observation.Source);
        batch.BatchCommands.Add(history);

        // Only the submission's latest attempt speaks for it.
        var submission = new NpgsqlBatchCommand("""
            UPDATE eigenpal.submissions SET state = @state, state_reason = @error, updated_at = now()
            WHERE id = @submission AND attempt = @attempt
            """);
        submission.Parameters.AddWithValue("state", ExecutionState.SubmissionStateFor(observation.Status));
        submission.Parameters.AddWithValue("error", (object?)observation.Error ?? DBNull.Value);
        submission.Parameters.AddWithValue("submission", execution.SubmissionId);
        submission.Parameters.AddWithValue("attempt", execution.Attempt);
        batch.BatchCommands.Add(submission);
    }

    private static object Json(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } element ? element.GetRawText() : DBNull.Value;
}
