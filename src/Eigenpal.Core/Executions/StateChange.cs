using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Npgsql;

namespace Eigenpal.Executions;

/// <summary>
/// The one door through which an attempt's or a submission's state changes. Each change is one
/// SQL statement — all of it or none: the attempt row is locked and checked against its guards,
/// moved, its history row written, and its submission moved too when the attempt is still the
/// submission's current one. Senders, pollers, cancels and operators describe their change as an
/// <see cref="AttemptChange"/>; the rules of how a change is written live here only.
/// </summary>
internal static class StateChange
{
    /// <summary>
    /// The assignments that count a failure of kind <c>@kind</c> on a submission (consecutive failures
    /// of one kind; NULL counts nothing): the sender ends a submission after too many of one kind.
    /// </summary>
    internal const string CountFailure =
        "send_failures = CASE WHEN @kind IS NULL THEN send_failures WHEN last_send_failure = @kind THEN send_failures + 1 ELSE 1 END, " +
        "last_send_failure = COALESCE(@kind, last_send_failure)";

    /// <summary>Applies <paramref name="change"/>; returns false when a guard did not hold (someone else changed it first).</summary>
    public static async Task<bool> ApplyAsync(NpgsqlConnection connection, AttemptChange change, CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(Sql(change), connection, transaction);
        AddParameters(command.Parameters, change);
        return (long)(await command.ExecuteScalarAsync(ct))! == 1;
    }

    /// <summary>The change as a command of a batch (its result row says whether it happened).</summary>
    public static NpgsqlBatchCommand ForBatch(AttemptChange change)
    {
        var command = new NpgsqlBatchCommand(Sql(change));
        AddParameters(command.Parameters, change);
        return command;
    }

    /// <summary>
    /// Commits the attempt row (status sending) before the run request leaves, with the window in
    /// which its run can be created (API clock) and its deadline (database clock). Returns null
    /// when the submission stopped being pending meanwhile (cancelled by an operator, say).
    /// </summary>
    public static async Task<SendingAttempt?> BeginAttemptAsync(
        NpgsqlConnection connection, Guid submissionId, string workflow, int attemptsSoFar, Surfaces.ApiSurface surface, string? rerunOf, TimeSpan reconcileAfter, Reconciliation.ReconcileWindow window, TimeSpan timeout, CancellationToken ct)
    {
        var attempt = attemptsSoFar + 1;
        var id = Guid.CreateVersion7();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The reason the submission was pending (a run proven never created, an operator's decision, a
        // reprocess run) becomes the reason this attempt was made; the first attempt needs none.
        await using var claim = new NpgsqlCommand($"""
            UPDATE eigenpal.submissions s
            SET state = '{SubmissionState.Sending.Name()}', state_reason = NULL, attempt = @attempt, updated_at = now(), relay_at = now() + @reconcile_after
            FROM (SELECT id, CASE WHEN next_attempt_for = @attempt THEN next_attempt_reason ELSE state_reason END AS state_reason
                  FROM eigenpal.submissions WHERE id = @submission) pending
            WHERE s.id = pending.id AND s.state = '{SubmissionState.Pending.Name()}' AND s.attempt = @attempt - 1
            RETURNING now(), CASE WHEN @attempt = 1 THEN 'first submission' ELSE COALESCE(pending.state_reason, 'sent again') END
            """, connection, transaction);
        claim.Parameters.AddWithValue("submission", submissionId);
        claim.Parameters.AddWithValue("attempt", attempt);
        // If this sender dies mid-send, the relay hands the submission to a reconciler after this long.
        claim.Parameters.AddWithValue("reconcile_after", reconcileAfter);
        DateTimeOffset sentAt;
        string madeBecause;
        await using (var claimed = await claim.ExecuteReaderAsync(ct))
        {
            if (!await claimed.ReadAsync(ct))
            {
                await claimed.DisposeAsync();
                await transaction.RollbackAsync(ct);
                return null;
            }

            sentAt = claimed.GetFieldValue<DateTimeOffset>(0);
            madeBecause = claimed.GetString(1);
        }

        await using var insert = new NpgsqlCommand($"""
            INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, status, sent_at, window_from, window_to, deadline_at, surface, rerun_of, made_because, previous_execution_id)
            VALUES (@id, @submission, @attempt, @workflow, '{AttemptState.Sending.Name()}', @sent_at, @window_from, @window_to, @sent_at + @timeout, @surface, @rerun_of, @made_because,
                    (SELECT id FROM eigenpal.executions WHERE submission_id = @submission AND attempt = @attempt - 1))
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("submission", submissionId);
        insert.Parameters.AddWithValue("attempt", attempt);
        insert.Parameters.AddWithValue("workflow", workflow);
        insert.Parameters.AddWithValue("sent_at", sentAt);
        insert.Parameters.AddWithValue("window_from", window.From);
        insert.Parameters.AddWithValue("window_to", window.To);
        insert.Parameters.AddWithValue("timeout", timeout);
        insert.Parameters.AddWithValue("surface", surface.Name());
        insert.Parameters.Add(new NpgsqlParameter("rerun_of", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)rerunOf ?? DBNull.Value });
        insert.Parameters.AddWithValue("made_because", madeBecause);
        await insert.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        Telemetry.EigenpalMetrics.AttemptStarted(workflow, surface.Name());
        return new SendingAttempt(id, attempt, AttemptState.Sending, sentAt, surface);
    }

    /// <summary>
    /// A submission that has no attempt in the way moves from <paramref name="from"/> to
    /// <paramref name="to"/> (cancelled before it was sent, ended in error before a request left).
    /// </summary>
    public static async Task<bool> MoveSubmissionAsync(
        NpgsqlConnection connection, Guid submissionId, int attempts, SubmissionState from, SubmissionState to, string reason, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.submissions SET state = @to, state_reason = @reason, updated_at = now()
            WHERE id = @submission AND attempt = @attempts AND state = @from
            """, connection);
        command.Parameters.AddWithValue("to", to.Name());
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("submission", submissionId);
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("from", from.Name());
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// An attempt whose request certainly created nothing (a 429, a failure before it left) is
    /// forgotten, and its submission is pending again after <c>@delay</c>; with a failure kind the
    /// failure is counted. There is no history row: as far as the API is concerned it never happened.
    /// </summary>
    public static async Task<bool> ForgetUnsentAttemptAsync(
        NpgsqlConnection connection, Guid submissionId, Guid attemptId, int number, TimeSpan delay, string reason, string? failureKind, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            WITH forgotten AS (
                DELETE FROM eigenpal.executions
                WHERE id = @attempt AND attempt = @number AND status = '{AttemptState.Sending.Name()}' AND remote_id IS NULL
                RETURNING id)
            UPDATE eigenpal.submissions
            SET state = '{SubmissionState.Pending.Name()}', state_reason = @reason, attempt = attempt - 1,
                not_before = now() + @delay, relay_at = now() + @delay,
                {CountFailure}, updated_at = now()
            WHERE id = @submission AND attempt = @number AND state = '{SubmissionState.Sending.Name()}' AND EXISTS (SELECT 1 FROM forgotten)
            """, connection);
        command.Parameters.AddWithValue("attempt", attemptId);
        command.Parameters.AddWithValue("number", number);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("kind", NpgsqlTypes.NpgsqlDbType.Text, (object?)failureKind ?? DBNull.Value);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.AddWithValue("submission", submissionId);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Reprocessing: each failed submission of <paramref name="reopen"/> whose latest attempt is still the
    /// one that was judged (same attempt number, still failed) becomes pending again, to be sent no
    /// sooner than its spread time; its reason becomes the next attempt's <c>made_because</c> (kept in
    /// <c>next_attempt_reason</c> for attempt n + 1, which a 429 or a failure before sending does not overwrite). One whose
    /// files were purged since it was judged stays failed.
    /// The guard is what makes concurrent reprocess runs safe: of two runs that judged the same
    /// attempt, only one moves it. Returns the ids that moved.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ReopenFailedAsync(
        NpgsqlConnection connection, IReadOnlyList<Reprocessing.Reopening> reopen, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE eigenpal.submissions s
            SET state = '{SubmissionState.Pending.Name()}', state_reason = r.reason, next_attempt_reason = r.reason, next_attempt_for = r.attempt + 1,
                not_before = r.not_before, relay_at = r.not_before,
                send_failures = 0, last_send_failure = NULL, updated_at = now()
            FROM unnest(@ids, @attempts, @not_before, @purged, @reasons) AS r(id, attempt, not_before, purged, reason)
            WHERE s.id = r.id AND s.attempt = r.attempt AND s.state = '{SubmissionState.Failed.Name()}'
              AND (r.purged OR NOT EXISTS (SELECT 1 FROM eigenpal.submission_files f WHERE f.submission_id = s.id AND f.content IS NULL))
            RETURNING s.id
            """, connection);
        command.Parameters.AddWithValue("ids", reopen.Select(r => r.SubmissionId).ToArray());
        command.Parameters.AddWithValue("attempts", reopen.Select(r => r.Attempt).ToArray());
        command.Parameters.AddWithValue("not_before", reopen.Select(r => r.NotBefore).ToArray());
        command.Parameters.AddWithValue("purged", reopen.Select(r => r.Purged).ToArray());
        command.Parameters.AddWithValue("reasons", reopen.Select(r => r.Reason).ToArray());
        var moved = new List<Guid>(reopen.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            moved.Add(reader.GetGuid(0));
        }

        return moved;
    }

    private static string Sql(AttemptChange change)
    {
        var guards = new List<string> { "e.id = @sc_attempt" };
        if (change.From is not null)
        {
            guards.Add("e.status = @sc_from");
        }

        if (change.Number is not null)
        {
            guards.Add("e.attempt = @sc_number");
        }

        if (change.WithoutRemoteId)
        {
            guards.Add("e.remote_id IS NULL");
        }

        if (change.Guard is { } guard)
        {
            guards.Add($"({guard})");
        }

        var attemptSet = string.Concat(change.AttemptSet.Select(s => ", " + s));
        var detail = change.DetailFromError ? "changed.error" : "@sc_detail";
        var submission = change.Submission is null ? "" : $"""
            ,
            moved AS (
                UPDATE eigenpal.submissions s SET state = @sc_state, updated_at = now(){string.Concat(change.SubmissionSet.Select(s => ", " + s))}
                FROM changed WHERE s.id = changed.submission_id AND s.attempt = changed.attempt{(change.SubmissionFrom is null ? "" : " AND s.state = @sc_state_from")})
            """;
        return $"""
            WITH before AS (
                SELECT e.id, e.status FROM eigenpal.executions e WHERE {string.Join(" AND ", guards)} FOR UPDATE),
            changed AS (
                UPDATE eigenpal.executions e SET status = @sc_to, updated_at = now(){attemptSet}
                FROM before WHERE e.id = before.id
                RETURNING e.id, e.submission_id, e.attempt, e.error, before.status AS from_status),
            history AS (
                INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
                SELECT id, from_status, @sc_to, @sc_observer, {detail} FROM changed){submission}
            SELECT count(*) FROM changed
            """;
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, AttemptChange change)
    {
        parameters.AddWithValue("sc_attempt", change.AttemptId);
        parameters.AddWithValue("sc_to", change.To.Name());
        parameters.AddWithValue("sc_observer", change.Observer);
        parameters.AddWithValue("sc_detail", change.Detail);
        if (change.From is { } from)
        {
            parameters.AddWithValue("sc_from", from.Name());
        }

        if (change.Number is { } number)
        {
            parameters.AddWithValue("sc_number", number);
        }

        if (change.Submission is { } state)
        {
            parameters.AddWithValue("sc_state", state.Name());
        }

        if (change.SubmissionFrom is { } stateFrom)
        {
            parameters.AddWithValue("sc_state_from", stateFrom.Name());
        }

        foreach (var parameter in change.Parameters)
        {
            parameters.Add(parameter.Clone());
        }
    }
}
