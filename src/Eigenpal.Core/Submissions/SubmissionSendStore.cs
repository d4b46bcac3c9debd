using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Storage;
using Npgsql;

namespace Eigenpal.Submissions;

/// <summary>
/// The SQL of sending: every statement that moves a submission from pending to sent (or to
/// an error) and records its attempt. All of it runs on the connection that holds the
/// submission's advisory lock.
/// </summary>
internal static class SubmissionSendStore
{
    // Advisory lock namespace for submissions ("ep" + 1); the key is derived from the id.
    private const int LockNamespace = 0x6570_0001;

    public static async Task<bool> TryLockAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@ns, hashtext(@id::text))", connection);
        command.Parameters.AddWithValue("ns", LockNamespace);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task UnlockAsync(NpgsqlConnection connection, Guid id)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@ns, hashtext(@id::text))", connection);
        command.Parameters.AddWithValue("ns", LockNamespace);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteScalarAsync(CancellationToken.None);
    }

    public static async Task<SubmissionToSend?> LoadAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.workflow, s.version, s.input::text, s.state, s.attempt, s.not_before <= now(),
                   e.id, e.attempt, e.status, e.sent_at
            FROM eigenpal.submissions s
            LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.id = @id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var attempt = reader.IsDBNull(6) ? null : new SendingAttempt(
            reader.GetGuid(6), reader.GetInt32(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9));
        return new SubmissionToSend(
            id, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            JsonNode.Parse(reader.GetString(2))!.AsObject(), reader.GetString(3), reader.GetInt32(4), reader.GetBoolean(5), attempt);
    }

    public static async Task<IReadOnlyList<SubmissionFile>> LoadFilesAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT input_name, file_name, content_type, content FROM eigenpal.submission_files WHERE submission_id = @id ORDER BY input_name", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var files = new List<SubmissionFile>();
        while (await reader.ReadAsync(ct))
        {
            files.Add(new SubmissionFile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3)));
        }

        return files;
    }

    /// <summary>
    /// Commits the attempt row (status sending) before the run request leaves. Returns null when
    /// the submission stopped being pending meanwhile (cancelled by an operator, say).
    /// </summary>
    public static async Task<SendingAttempt?> BeginAttemptAsync(
        NpgsqlConnection connection, SubmissionToSend submission, TimeSpan reconcileAfter, CancellationToken ct)
    {
        var attempt = submission.Attempt + 1;
        var id = Guid.CreateVersion7();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var claim = new NpgsqlCommand("""
            UPDATE eigenpal.submissions
            SET state = 'sending', state_reason = NULL, attempt = @attempt, updated_at = now(), relay_at = now() + @reconcile_after
            WHERE id = @submission AND state = 'pending' AND attempt = @attempt - 1
            RETURNING now()
            """, connection, transaction);
        claim.Parameters.AddWithValue("submission", submission.Id);
        claim.Parameters.AddWithValue("attempt", attempt);
        // If this sender dies mid-send, the relay hands the submission to a reconciler after this long.
        claim.Parameters.AddWithValue("reconcile_after", reconcileAfter);
        // timestamptz comes back as a UTC DateTime from ExecuteScalar.
        if (await claim.ExecuteScalarAsync(ct) is not DateTime sentAtUtc)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }

        var sentAt = new DateTimeOffset(sentAtUtc, TimeSpan.Zero);

        await using var insert = new NpgsqlCommand("""
            INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, status, sent_at, previous_execution_id)
            VALUES (@id, @submission, @attempt, @workflow, 'sending', @sent_at,
                    (SELECT id FROM eigenpal.executions WHERE submission_id = @submission AND attempt = @attempt - 1))
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("submission", submission.Id);
        insert.Parameters.AddWithValue("attempt", attempt);
        insert.Parameters.AddWithValue("workflow", submission.Workflow);
        insert.Parameters.AddWithValue("sent_at", sentAt);
        await insert.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return new SendingAttempt(id, attempt, ExecutionState.Sending, sentAt);
    }

    /// <summary>Records the execution the API created for an attempt (from its response or from reconciliation).</summary>
    public static async Task RecordAcceptedAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, string remoteId, ExecutionStatus status,
        JsonElement? result, string? error, DateTimeOffset? remoteCreatedAt, TimeSpan firstPoll, string observer, string detail, CancellationToken ct)
    {
        var terminal = status.IsTerminal();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("""
                    UPDATE eigenpal.executions
                    SET remote_id = @remote, status = @status, remote_created_at = @created, result = @result::jsonb, error = @error,
                        completed_at = CASE WHEN @terminal THEN now() END,
                        next_poll_at = CASE WHEN @terminal THEN NULL ELSE now() + @first_poll END, updated_at = now()
                    WHERE id = @attempt
                    """, ("remote", remoteId), ("status", ExecutionState.Of(status)), ("created", (object?)remoteCreatedAt ?? DBNull.Value),
                    ("result", JsonbText.From(result)), ("error", (object?)error ?? DBNull.Value), ("terminal", terminal),
                    ("first_poll", firstPoll), ("attempt", attempt.Id)),
                Command("""
                    INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
                    VALUES (@attempt, 'sending', @status, @observer, @detail)
                    """, ("attempt", attempt.Id), ("status", ExecutionState.Of(status)), ("observer", observer), ("detail", detail)),
                Command("""
                    UPDATE eigenpal.submissions SET state = @state, state_reason = @error, updated_at = now() WHERE id = @submission
                    """, ("state", ExecutionState.SubmissionStateFor(status)), ("error", (object?)error ?? DBNull.Value), ("submission", submissionId)),
            },
        };
        await ExecuteInTransactionAsync(batch, ct);
    }

    /// <summary>The run certainly created nothing (429, or refused before sending): forget the attempt and retry later.</summary>
    public static async Task RecordNotSentAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, TimeSpan retryAfter, string reason, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("DELETE FROM eigenpal.executions WHERE id = @attempt", ("attempt", attempt.Id)),
                Command("""
                    UPDATE eigenpal.submissions
                    SET state = 'pending', state_reason = @reason, attempt = attempt - 1, not_before = now() + @delay,
                        relay_at = now() + @delay, updated_at = now()
                    WHERE id = @submission
                    """, ("reason", reason), ("delay", retryAfter), ("submission", submissionId)),
            },
        };
        await ExecuteInTransactionAsync(batch, ct);
    }

    /// <summary>
    /// Ends the attempt without a remote execution and puts the submission in
    /// <paramref name="submissionState"/>: a final state (refused, undetermined), or pending again
    /// for a run that provably never reached the API, in which case the relay picks it up at once.
    /// </summary>
    public static async Task RecordWithoutExecutionAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, string executionState, string submissionState,
        string reason, string? requestId, string observer, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("""
                    UPDATE eigenpal.executions SET status = @status, error = @reason, request_id = @request, updated_at = now()
                    WHERE id = @attempt
                    """, ("status", executionState), ("reason", reason), ("request", (object?)requestId ?? DBNull.Value), ("attempt", attempt.Id)),
                Command("""
                    INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
                    VALUES (@attempt, 'sending', @status, @observer, @reason)
                    """, ("attempt", attempt.Id), ("status", executionState), ("observer", observer), ("reason", reason)),
                Command("""
                    UPDATE eigenpal.submissions
                    SET state = @state, state_reason = @reason, not_before = now(), relay_at = now(), updated_at = now()
                    WHERE id = @submission
                    """, ("state", submissionState), ("reason", reason), ("submission", submissionId)),
            },
        };
        await ExecuteInTransactionAsync(batch, ct);
    }

    /// <summary>Asks the relay to hand the submission to a job again after <paramref name="delay"/>.</summary>
    public static async Task RelayAgainAfterAsync(NpgsqlConnection connection, Guid submissionId, TimeSpan delay, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE eigenpal.submissions SET relay_at = now() + @delay WHERE id = @id", connection);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.AddWithValue("id", submissionId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Of the given remote ids, those already recorded for some attempt.</summary>
    public static async Task<HashSet<string>> ClaimedRemoteIdsAsync(NpgsqlConnection connection, IReadOnlyCollection<string> remoteIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT remote_id FROM eigenpal.executions WHERE remote_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", remoteIds.ToArray());
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(reader.GetString(0));
        }

        return claimed;
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        return command;
    }

    private static async Task ExecuteInTransactionAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        await using var transaction = await batch.Connection!.BeginTransactionAsync(ct);
        batch.Transaction = transaction;
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
