using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Storage;
using Npgsql;
using NpgsqlTypes;

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
                   e.id, e.attempt, e.status, e.sent_at, s.send_failures, s.last_send_failure, e.surface, s.trace_parent
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
            reader.GetGuid(6), reader.GetInt32(7), AttemptStates.Parse(reader.GetString(8)), reader.GetFieldValue<DateTimeOffset>(9),
            Surfaces.ApiSurfaces.Parse(reader.GetString(12)));
        return new SubmissionToSend(
            id, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            JsonNode.Parse(reader.GetString(2))!.AsObject(), SubmissionStates.Parse(reader.GetString(3)), reader.GetInt32(4), reader.GetBoolean(5), attempt,
            reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(13) ? null : reader.GetString(13));
    }

    /// <summary>
    /// The submission's file inputs whose bytes are stored, and those whose bytes were purged by the
    /// retention (issue 9) with when, in one read.
    /// </summary>
    public static async Task<(IReadOnlyList<SubmissionFile> Stored, IReadOnlyList<Retention.PurgedFile> Purged)> LoadFilesAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT input_name, file_name, content_type, content, purged_at FROM eigenpal.submission_files WHERE submission_id = @id ORDER BY input_name", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var files = new List<SubmissionFile>();
        var purged = new List<Retention.PurgedFile>();
        while (await reader.ReadAsync(ct))
        {
            if (reader.IsDBNull(3))
            {
                // The retention sets purged_at with content = NULL; a row emptied another way has no date to tell.
                purged.Add(new Retention.PurgedFile(reader.GetString(0), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
            }
            else
            {
                files.Add(new SubmissionFile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3)));
            }
        }

        return (files, purged);
    }

    /// <summary>The run of the submission's latest attempt sent on v1, which a v1 rerun can start again from the inputs the service stored.</summary>
    public static async Task<string?> V1RunToRerunAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT remote_id FROM eigenpal.executions
            WHERE submission_id = @id AND remote_id IS NOT NULL AND surface = 'v1'
            ORDER BY attempt DESC LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>
    /// Commits the attempt row (status sending) before the run request leaves, with the window in
    /// which its run can be created (API clock) and its deadline (database clock). Returns null
    /// when the submission stopped being pending meanwhile (cancelled by an operator, say).
    /// </summary>
    public static Task<SendingAttempt?> BeginAttemptAsync(
        NpgsqlConnection connection, SubmissionToSend submission, Surfaces.ApiSurface surface, string? rerunOf, TimeSpan reconcileAfter, Reconciliation.ReconcileWindow window, TimeSpan timeout, CancellationToken ct) =>
        StateChange.BeginAttemptAsync(connection, submission.Id, submission.Workflow, submission.Attempt, surface, rerunOf, reconcileAfter, window, timeout, ct);

    /// <summary>
    /// Records the execution the API created for an attempt (from its response or from
    /// reconciliation). Guarded: only an attempt still sending, of the submission's current attempt
    /// number, is ended, so a sender that lost its lock cannot overwrite another's decision.
    /// Returns false when the guard found the attempt already decided.
    /// </summary>
    public static Task<bool> RecordAcceptedAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, string remoteId, ExecutionStatus status,
        JsonElement? result, string? error, DateTimeOffset? remoteCreatedAt, TimeSpan firstPoll, string observer, string detail, CancellationToken ct) =>
        StateChange.ApplyAsync(connection, new AttemptChange
        {
            AttemptId = attempt.Id,
            To = AttemptStates.From(status),
            Observer = observer,
            Detail = detail,
            From = AttemptState.Sending,
            Number = attempt.Attempt,
            WithoutRemoteId = true,
            AttemptSet = [.. AcceptedColumns],
            Submission = AttemptStates.SubmissionStateFor(status),
            SubmissionFrom = SubmissionState.Sending,
            SubmissionSet = ["state_reason = @error", "send_failures = 0", "last_send_failure = NULL"],
            Parameters = AcceptedParameters(remoteId, status, result, error, remoteCreatedAt, firstPoll),
        }, ct);

    /// <summary>What recording an accepted run sets on the attempt row (also used when an operator adopts an execution).</summary>
    internal static IReadOnlyList<string> AcceptedColumns { get; } =
    [
        "remote_id = @remote", "remote_created_at = @created", "result = @result::jsonb", "error = @error",
        "completed_at = CASE WHEN @terminal THEN now() END", "next_poll_at = CASE WHEN @terminal THEN NULL ELSE now() + @first_poll END",
        "candidates = NULL",
    ];

    /// <summary>The parameters of <see cref="AcceptedColumns"/>.</summary>
    internal static IReadOnlyList<NpgsqlParameter> AcceptedParameters(
        string remoteId, ExecutionStatus status, JsonElement? result, string? error, DateTimeOffset? remoteCreatedAt, TimeSpan firstPoll) =>
    [
        new("remote", remoteId),
        new("created", NpgsqlDbType.TimestampTz) { Value = (object?)remoteCreatedAt ?? DBNull.Value },
        new("result", NpgsqlDbType.Text) { Value = JsonbText.From(result) },
        new("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value },
        new("terminal", status.IsTerminal()),
        new("first_poll", firstPoll),
    ];

    /// <summary>
    /// The run certainly created nothing (429, or it never left): forget the attempt and make the
    /// submission pending again after <paramref name="retryAfter"/>. With a <paramref name="failureKind"/>,
    /// the failure is counted (consecutive failures of one kind end the submission, see the sender).
    /// Guarded like <see cref="RecordAcceptedAsync"/>.
    /// </summary>
    public static Task<bool> RecordNotSentAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, TimeSpan retryAfter, string reason, string? failureKind, CancellationToken ct) =>
        StateChange.ForgetUnsentAttemptAsync(connection, submissionId, attempt.Id, attempt.Attempt, retryAfter, reason, failureKind, ct);

    /// <summary>
    /// A failure before any attempt began (the rate limiter could not be reached): the submission
    /// stays pending, the failure is counted, and it is tried again after <paramref name="retryAfter"/>.
    /// This is bookkeeping, not a change of state.
    /// </summary>
    public static async Task CountFailureBeforeAttemptAsync(
        NpgsqlConnection connection, Guid submissionId, int attemptsSoFar, TimeSpan retryAfter, string reason, string failureKind, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE eigenpal.submissions
            SET state_reason = @reason, not_before = now() + @delay, relay_at = now() + @delay, {StateChange.CountFailure}, updated_at = now()
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
    public static Task EndPendingInErrorAsync(NpgsqlConnection connection, Guid submissionId, int attemptsSoFar, string reason, CancellationToken ct) =>
        StateChange.MoveSubmissionAsync(connection, submissionId, attemptsSoFar, SubmissionState.Pending, SubmissionState.Error, reason, ct);

    /// <summary>
    /// Ends the attempt without a remote execution and puts the submission in
    /// <paramref name="submissionState"/>: a final state (refused, undetermined), or pending again
    /// for a run that provably never reached the API, in which case the relay picks it up at once.
    /// An undetermined attempt keeps the <paramref name="candidates"/> an operator chooses from.
    /// Guarded like <see cref="RecordAcceptedAsync"/>.
    /// </summary>
    public static Task<bool> RecordWithoutExecutionAsync(
        NpgsqlConnection connection, Guid submissionId, SendingAttempt attempt, AttemptState attemptState, SubmissionState submissionState,
        string reason, string? requestId, string observer, CancellationToken ct, IReadOnlyList<string>? candidates = null, string? failureKind = null) =>
        StateChange.ApplyAsync(connection, new AttemptChange
        {
            AttemptId = attempt.Id,
            To = attemptState,
            Observer = observer,
            Detail = reason,
            From = AttemptState.Sending,
            Number = attempt.Attempt,
            WithoutRemoteId = true,
            AttemptSet = ["error = @reason", "request_id = @request", "candidates = @candidates"],
            Submission = submissionState,
            SubmissionFrom = SubmissionState.Sending,
            SubmissionSet =
            [
                "state_reason = @reason", "not_before = now()", "relay_at = now()",
                StateChange.CountFailure,
            ],
            Parameters =
            [
                new("reason", reason),
                new("kind", NpgsqlDbType.Text) { Value = (object?)failureKind ?? DBNull.Value },
                new("request", NpgsqlDbType.Text) { Value = (object?)requestId ?? DBNull.Value },
                new("candidates", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)candidates?.ToArray() ?? DBNull.Value },
            ],
        }, ct);

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
