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
                   e.id, e.attempt, e.status, e.sent_at, s.send_failures, s.last_send_failure
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
            JsonNode.Parse(reader.GetString(2))!.AsObject(), reader.GetString(3), reader.GetInt32(4), reader.GetBoolean(5), attempt,
            reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetString(11));
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
    /// Commits the attempt row (status sending) before the run request leaves, with the window in
    /// which its run can be created (API clock) and its deadline (database clock). Returns null
    /// when the submission stopped being pending meanwhile (cancelled by an operator, say).
    /// </summary>
    public static async Task<SendingAttempt?> BeginAttemptAsync(
        NpgsqlConnection connection, SubmissionToSend submission, TimeSpan reconcileAfter, Reconciliation.ReconcileWindow window, TimeSpan timeout, CancellationToken ct)
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
            INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, status, sent_at, window_from, window_to, deadline_at, previous_execution_id)
            VALUES (@id, @submission, @attempt, @workflow, 'sending', @sent_at, @window_from, @window_to, @sent_at + @timeout,
                    (SELECT id FROM eigenpal.executions WHERE submission_id = @submission AND attempt = @attempt - 1))
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("submission", submission.Id);
        insert.Parameters.AddWithValue("attempt", attempt);
        insert.Parameters.AddWithValue("workflow", submission.Workflow);
        insert.Parameters.AddWithValue("sent_at", sentAt);
        insert.Parameters.AddWithValue("window_from", window.From);
        insert.Parameters.AddWithValue("window_to", window.To);
        insert.Parameters.AddWithValue("timeout", timeout);
        await insert.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return new SendingAttempt(id, attempt, ExecutionState.Sending, sentAt);
    }

    /// <summary>
    /// Records the execution the API created for an attempt (from its response or from
    /// reconciliation). Guarded: only an attempt still sending, of the submission's current attempt
    /// number, is ended, so a sender that lost its lock cannot overwrite another's decision.
    /// Returns false when the guard found the attempt already decided.
    /// </summary>
    public static async Task<bool> RecordAcceptedAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, string remoteId, ExecutionStatus status,
        JsonElement? result, string? error, DateTimeOffset? remoteCreatedAt, TimeSpan firstPoll, string observer, string detail, CancellationToken ct)
    {
        var terminal = status.IsTerminal();
        await using var command = new NpgsqlCommand("""
            WITH ended AS (
                UPDATE eigenpal.executions
                SET remote_id = @remote, status = @status, remote_created_at = @created, result = @result::jsonb, error = @error,
                    completed_at = CASE WHEN @terminal THEN now() END,
                    next_poll_at = CASE WHEN @terminal THEN NULL ELSE now() + @first_poll END, candidates = NULL, updated_at = now()
                WHERE id = @attempt AND attempt = @number AND status = 'sending' AND remote_id IS NULL
                RETURNING id),
            history AS (
                INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
                SELECT id, 'sending', @status, @observer, @detail FROM ended)
            UPDATE eigenpal.submissions SET state = @state, state_reason = @error, send_failures = 0, last_send_failure = NULL, updated_at = now()
            WHERE id = @submission AND attempt = @number AND state = 'sending' AND EXISTS (SELECT 1 FROM ended)
            """, connection);
        command.Parameters.AddWithValue("remote", remoteId);
        command.Parameters.AddWithValue("status", ExecutionState.Of(status));
        command.Parameters.AddWithValue("created", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)remoteCreatedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("result", NpgsqlTypes.NpgsqlDbType.Text, JsonbText.From(result));
        command.Parameters.AddWithValue("error", NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("terminal", terminal);
        command.Parameters.AddWithValue("first_poll", firstPoll);
        command.Parameters.AddWithValue("attempt", attempt.Id);
        command.Parameters.AddWithValue("number", attempt.Attempt);
        command.Parameters.AddWithValue("observer", observer);
        command.Parameters.AddWithValue("detail", detail);
        command.Parameters.AddWithValue("state", ExecutionState.SubmissionStateFor(status));
        command.Parameters.AddWithValue("submission", submissionId);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// The run certainly created nothing (429, or it never left): forget the attempt and make the
    /// submission pending again after <paramref name="retryAfter"/>. With a <paramref name="failureKind"/>,
    /// the failure is counted (consecutive failures of one kind end the submission, see the sender).
    /// Guarded like <see cref="RecordAcceptedAsync"/>.
    /// </summary>
    public static async Task<bool> RecordNotSentAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, TimeSpan retryAfter, string reason, string? failureKind, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            WITH forgotten AS (
                DELETE FROM eigenpal.executions WHERE id = @attempt AND attempt = @number AND status = 'sending' AND remote_id IS NULL
                RETURNING id)
            UPDATE eigenpal.submissions
            SET state = 'pending', state_reason = @reason, attempt = attempt - 1, not_before = now() + @delay, relay_at = now() + @delay,
                send_failures = CASE WHEN @kind IS NULL THEN send_failures WHEN last_send_failure = @kind THEN send_failures + 1 ELSE 1 END,
                last_send_failure = COALESCE(@kind, last_send_failure), updated_at = now()
            WHERE id = @submission AND attempt = @number AND state = 'sending' AND EXISTS (SELECT 1 FROM forgotten)
            """, connection);
        command.Parameters.AddWithValue("attempt", attempt.Id);
        command.Parameters.AddWithValue("number", attempt.Attempt);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("kind", NpgsqlTypes.NpgsqlDbType.Text, (object?)failureKind ?? DBNull.Value);
        command.Parameters.AddWithValue("delay", retryAfter);
        command.Parameters.AddWithValue("submission", submissionId);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// A failure before any attempt began (the rate limiter could not be reached): the submission
    /// stays pending, the failure is counted, and it is tried again after <paramref name="retryAfter"/>.
    /// </summary>
    public static async Task CountFailureBeforeAttemptAsync(
        NpgsqlConnection connection, Guid submissionId, int attemptsSoFar, TimeSpan retryAfter, string reason, string failureKind, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.submissions
            SET state_reason = @reason, not_before = now() + @delay, relay_at = now() + @delay,
                send_failures = CASE WHEN last_send_failure = @kind THEN send_failures + 1 ELSE 1 END, last_send_failure = @kind, updated_at = now()
            WHERE id = @submission AND attempt = @attempts AND state = 'pending'
            """, connection);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("delay", retryAfter);
        command.Parameters.AddWithValue("kind", failureKind);
        command.Parameters.AddWithValue("submission", submissionId);
        command.Parameters.AddWithValue("attempts", attemptsSoFar);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A submission that could not be sent after too many failures ends in error, without an attempt.</summary>
    public static async Task EndPendingInErrorAsync(NpgsqlConnection connection, Guid submissionId, int attemptsSoFar, string reason, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.submissions SET state = 'error', state_reason = @reason, updated_at = now()
            WHERE id = @submission AND attempt = @attempts AND state = 'pending'
            """, connection);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("submission", submissionId);
        command.Parameters.AddWithValue("attempts", attemptsSoFar);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Ends the attempt without a remote execution and puts the submission in
    /// <paramref name="submissionState"/>: a final state (refused, undetermined), or pending again
    /// for a run that provably never reached the API, in which case the relay picks it up at once.
    /// An undetermined attempt keeps the <paramref name="candidates"/> an operator chooses from.
    /// Guarded like <see cref="RecordAcceptedAsync"/>.
    /// </summary>
    public static async Task<bool> RecordWithoutExecutionAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, string executionState, string submissionState,
        string reason, string? requestId, string observer, CancellationToken ct, IReadOnlyList<string>? candidates = null)
    {
        await using var command = new NpgsqlCommand("""
            WITH ended AS (
                UPDATE eigenpal.executions SET status = @status, error = @reason, request_id = @request, candidates = @candidates, updated_at = now()
                WHERE id = @attempt AND attempt = @number AND status = 'sending' AND remote_id IS NULL
                RETURNING id),
            history AS (
                INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
                SELECT id, 'sending', @status, @observer, @reason FROM ended)
            UPDATE eigenpal.submissions
            SET state = @state, state_reason = @reason, not_before = now(), relay_at = now(), updated_at = now()
            WHERE id = @submission AND attempt = @number AND state = 'sending' AND EXISTS (SELECT 1 FROM ended)
            """, connection);
        command.Parameters.AddWithValue("status", executionState);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("request", NpgsqlTypes.NpgsqlDbType.Text, (object?)requestId ?? DBNull.Value);
        command.Parameters.AddWithValue("candidates", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, (object?)candidates?.ToArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("attempt", attempt.Id);
        command.Parameters.AddWithValue("number", attempt.Attempt);
        command.Parameters.AddWithValue("observer", observer);
        command.Parameters.AddWithValue("state", submissionState);
        command.Parameters.AddWithValue("submission", submissionId);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// The sender saw its request end (an answer, a dropped connection, a timeout): no later part of it
    /// can reach the API from this side, so reconciliation need not wait for the attempt's deadline.
    /// </summary>
    public static async Task MarkRequestOverAsync(NpgsqlConnection connection, Guid attemptId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE eigenpal.executions SET deadline_at = LEAST(deadline_at, now()) WHERE id = @id AND status = 'sending'", connection);
        command.Parameters.AddWithValue("id", attemptId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Asks the relay to hand the submission to a job again after <paramref name="delay"/>.</summary>
    public static async Task RelayAgainAfterAsync(NpgsqlConnection connection, Guid submissionId, TimeSpan delay, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE eigenpal.submissions SET relay_at = now() + @delay WHERE id = @id", connection);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.AddWithValue("id", submissionId);
        await command.ExecuteNonQueryAsync(ct);
    }
}
