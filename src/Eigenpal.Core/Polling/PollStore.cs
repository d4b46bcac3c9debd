using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Polling;

/// <summary>The SQL of polling: claiming due executions and recording what was observed.</summary>
internal sealed class PollStore(NpgsqlDataSource dataSource, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Claims up to <paramref name="limit"/> due executions for this worker: first those a webhook
    /// hinted at (<c>hint_due_at</c>), then those whose schedule says so. Rows locked by another
    /// worker are skipped, and claimed rows get a lease (their next poll time moves forward) and
    /// lose their hint, so other workers leave them alone until this one records them or dies.
    /// A hint is a column of its own so that no poll's reschedule overwrites it: one that arrives
    /// while its run is being polled is claimed again at once, even while the row is leased, since
    /// the poll under way may have looked before the change the event announces.
    /// </summary>
    public async Task<IReadOnlyList<DueExecution>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH hinted AS (
                SELECT id FROM eigenpal.executions
                WHERE hint_due_at <= now() AND next_poll_at IS NOT NULL
                ORDER BY hint_due_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED),
            scheduled AS (
                SELECT id FROM eigenpal.executions
                WHERE next_poll_at <= now()
                ORDER BY next_poll_at
                LIMIT (SELECT @limit - count(*) FROM hinted)
                FOR UPDATE SKIP LOCKED),
            due AS (SELECT id FROM hinted UNION SELECT id FROM scheduled)
            UPDATE eigenpal.executions e SET next_poll_at = now() + @lease, hint_due_at = NULL
            FROM due WHERE e.id = due.id
            RETURNING e.id, e.submission_id, e.attempt, e.workflow, e.remote_id, e.status, e.sent_at, now() - e.sent_at, e.poll_failures, e.surface,
                      (SELECT s.trace_parent FROM eigenpal.submissions s WHERE s.id = e.submission_id)
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
    /// Records one poll cycle's observations and failures in one transaction, and ends the attempts
    /// whose get has answered 404 for longer than <paramref name="notFoundTimeout"/> (on the
    /// database clock). Two workers may record overlapping rows (one list page answers for
    /// executions another worker claimed), so rows are always locked in id order, and a deadlock
    /// that slips through anyway is retried: what was observed is not thrown away.
    /// </summary>
    public async Task<RecordedPolls> RecordAsync(IReadOnlyList<PolledExecution> polled, string observer, TimeSpan notFoundTimeout, CancellationToken ct)
    {
        if (polled.Count == 0)
        {
            return new RecordedPolls(0, []);
        }

        var ordered = polled.OrderBy(p => p.Execution.Id).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordInOneTransactionAsync(ordered, observer, notFoundTimeout, ct);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }

    private async Task<RecordedPolls> RecordInOneTransactionAsync(
        IReadOnlyList<PolledExecution> polled, string observer, TimeSpan notFoundTimeout, CancellationToken ct)
    {
        var changed = 0;
        var finished = new List<(DueExecution Execution, ExecutionObservation Observation)>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (execution, observation, failure, nextDelay) in polled)
        {
            if (failure is not null)
            {
                batch.BatchCommands.Add(RecordFailure(execution, failure, nextDelay));
            }
            else if (observation is null)
            {
                batch.BatchCommands.Add(Reschedule(execution, nextDelay));
            }
            else if (AttemptStates.From(observation.Status).Name() == execution.Status)
            {
                batch.BatchCommands.Add(RecordUnchanged(execution, nextDelay, observer));
            }
            else
            {
                changed++;
                AddStatusChange(batch, execution, observation, nextDelay, observer);
                if (observation.Status.IsTerminal())
                {
                    finished.Add((execution, observation));
                }
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        batch.Transaction = transaction;
        await batch.ExecuteNonQueryAsync(ct);
        await LookAgainWhereOvertakenAsync(connection, transaction, polled, ct);
        var notFound = polled.Where(p => p.Failure is { NotFound: true }).Select(p => p.Execution).ToList();
        var vanished = notFound.Count == 0 ? [] : await EndVanishedAsync(connection, transaction, notFound, notFoundTimeout, observer, ct);
        await transaction.CommitAsync(ct);
        var recordedAt = _time.GetUtcNow();
        foreach (var (execution, observation) in finished)
        {
            EigenpalMetrics.AttemptFinished(
                execution.Workflow, AttemptStates.From(observation.Status).Name(), recordedAt - observation.CompletedAt);
        }

        return new RecordedPolls(changed + vanished.Count, vanished);
    }

    /// <summary>
    /// Two cycles can poll one execution at once (a webhook hint claims a run being polled, or a
    /// cycle outlives its lease). Each records only over the status it saw, so the one that commits
    /// second writes nothing, and its observation, possibly the newer one, would wait for the
    /// schedule. So every observed execution whose status another cycle changed meanwhile (it is
    /// neither what this cycle saw when it claimed nor what it observed), and that is still polled,
    /// is hinted (<c>hint_due_at</c>) to be looked at again at once. The row locks order the two
    /// cycles, so the second always sees the first's status here. A change refused for any other
    /// reason leaves the status as seen, so it is not hinted: no poll loop can come of it.
    /// </summary>
    private static async Task LookAgainWhereOvertakenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PolledExecution> polled, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var seen = new List<string>();
        var statuses = new List<string>();
        foreach (var (execution, observation, _, _) in polled)
        {
            if (observation is not null)
            {
                ids.Add(execution.Id);
                seen.Add(execution.Status);
                statuses.Add(AttemptStates.From(observation.Status).Name());
            }
        }

        if (ids.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.executions e SET hint_due_at = now()
            FROM unnest(@ids, @seen, @statuses) AS o(id, seen, status)
            WHERE e.id = o.id AND e.status <> o.status AND e.status <> o.seen AND e.next_poll_at IS NOT NULL
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("seen", seen.ToArray());
        command.Parameters.AddWithValue("statuses", statuses.ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>An execution the cycle did not ask (a 429 paused the fleet, or the job stopped): only its next poll moves.</summary>
    private static NpgsqlBatchCommand Reschedule(DueExecution execution, TimeSpan nextDelay)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE eigenpal.executions SET next_poll_at = now() + @delay
            WHERE id = @id AND status = @seen AND next_poll_at IS NOT NULL
            """);
        command.Parameters.AddWithValue("delay", nextDelay);
        command.Parameters.AddWithValue("id", execution.Id);
        // Another worker (or a cancel) may have recorded a final status meanwhile; never put it back on the schedule.
        command.Parameters.AddWithValue("seen", execution.Status);
        return command;
    }

    /// <summary>A successful look that found the status unchanged; it ends any run of failures and of 404s.</summary>
    private static NpgsqlBatchCommand RecordUnchanged(DueExecution execution, TimeSpan nextDelay, string observer)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE eigenpal.executions
            SET next_poll_at = now() + @delay, last_polled_at = now(), last_polled_by = @observer, poll_count = poll_count + 1,
                poll_failures = 0, last_poll_error = NULL, not_found_since = NULL
            WHERE id = @id AND status = @seen AND next_poll_at IS NOT NULL
            """);
        command.Parameters.AddWithValue("delay", nextDelay);
        command.Parameters.AddWithValue("observer", observer);
        command.Parameters.AddWithValue("id", execution.Id);
        command.Parameters.AddWithValue("seen", execution.Status);
        return command;
    }

    /// <summary>
    /// A failed get: one more failure in a row, its error, and the backed-off next poll. A 404
    /// starts the not-found clock unless it runs already; other failures leave it as it is.
    /// </summary>
    private static NpgsqlBatchCommand RecordFailure(DueExecution execution, PollFailure failure, TimeSpan nextDelay)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE eigenpal.executions
            SET next_poll_at = now() + @delay, poll_failures = poll_failures + 1, last_poll_error = @error,
                not_found_since = CASE WHEN @not_found THEN COALESCE(not_found_since, now()) ELSE not_found_since END
            WHERE id = @id AND status = @seen AND next_poll_at IS NOT NULL
            """);
        command.Parameters.AddWithValue("delay", nextDelay);
        command.Parameters.AddWithValue("error", failure.Error);
        command.Parameters.AddWithValue("not_found", failure.NotFound);
        command.Parameters.AddWithValue("id", execution.Id);
        command.Parameters.AddWithValue("seen", execution.Status);
        return command;
    }

    /// <summary>
    /// Ends, as <c>vanished</c>, the attempts among <paramref name="notFound"/> (whose get has just
    /// answered 404) that have answered only 404 since longer than the timeout ago, measured on the
    /// database clock. Like any other change it is guarded by the status seen, leaves a history row,
    /// and moves the submission only if this attempt is its latest one.
    /// </summary>
    private static async Task<IReadOnlyList<VanishedExecution>> EndVanishedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DueExecution> notFound, TimeSpan timeout, string observer, CancellationToken ct)
    {
        var ended = new List<Guid>();
        foreach (var execution in notFound)
        {
            var change = new AttemptChange
            {
                AttemptId = execution.Id,
                To = AttemptState.Vanished,
                Observer = observer,
                DetailFromError = true,
                From = AttemptStates.Parse(execution.Status),
                Guard = "e.next_poll_at IS NOT NULL AND e.not_found_since < now() - @timeout",
                AttemptSet =
                [
                    """
                    error = format('the API has answered 404 for execution %s since %s (over %s): it no longer knows this execution',
                                   e.remote_id, to_char(e.not_found_since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'), @timeout_text)
                    """,
                    "next_poll_at = NULL",
                ],
                Submission = SubmissionState.Vanished,
                SubmissionSet = ["state_reason = changed.error"],
                Parameters = [new("timeout", timeout), new("timeout_text", Describe(timeout))],
            };
            if (await StateChange.ApplyAsync(connection, change, ct, transaction))
            {
                ended.Add(execution.Id);
            }
        }

        if (ended.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            "SELECT id, submission_id, remote_id, error FROM eigenpal.executions WHERE id = ANY(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", ended.ToArray());
        var vanished = new List<VanishedExecution>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            vanished.Add(new VanishedExecution(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        }

        return vanished;
    }

    // "10 min", "90 s", "2 h": how the reason names the timeout.
    private static string Describe(TimeSpan timeout) =>
        timeout.TotalHours >= 1 && timeout.TotalHours % 1 == 0 ? FormattableString.Invariant($"{timeout.TotalHours:0} h")
        : timeout.TotalMinutes >= 1 && timeout.TotalMinutes % 1 == 0 ? FormattableString.Invariant($"{timeout.TotalMinutes:0} min")
        : FormattableString.Invariant($"{timeout.TotalSeconds:0.###} s");

    /// <summary>
    /// One statement per change, guarded by the status we saw before: if another worker recorded
    /// this change first, nothing is written twice (no second history row, no state flip-flop).
    /// Only the submission's latest attempt speaks for it.
    /// </summary>
    private static void AddStatusChange(NpgsqlBatch batch, DueExecution execution, ExecutionObservation observation, TimeSpan nextDelay, string observer) =>
        batch.BatchCommands.Add(StateChange.ForBatch(new AttemptChange
        {
            AttemptId = execution.Id,
            To = AttemptStates.From(observation.Status),
            Observer = observer,
            Detail = "seen by " + observation.Source,
            From = AttemptStates.Parse(execution.Status),
            AttemptSet =
            [
                "result = @result::jsonb", "error = @error",
                "remote_created_at = COALESCE(@created, remote_created_at)", "started_at = COALESCE(@started, started_at)",
                "completed_at = CASE WHEN @terminal THEN COALESCE(@completed, now()) END",
                "failure_category = @category", "retryable = @retryable",
                "next_poll_at = CASE WHEN @terminal THEN NULL ELSE now() + @delay END",
                "last_polled_at = now()", "last_polled_by = @sc_observer", "poll_count = poll_count + 1",
                "poll_failures = 0", "last_poll_error = NULL", "not_found_since = NULL",
            ],
            Submission = AttemptStates.SubmissionStateFor(observation.Status),
            SubmissionSet = ["state_reason = @error"],
            Parameters =
            [
                new("result", NpgsqlDbType.Text) { Value = JsonbText.From(observation.Result) },
                new("error", NpgsqlDbType.Text) { Value = (object?)observation.Error ?? DBNull.Value },
                new("created", NpgsqlDbType.TimestampTz) { Value = (object?)observation.CreatedAt ?? DBNull.Value },
                new("started", NpgsqlDbType.TimestampTz) { Value = (object?)observation.StartedAt ?? DBNull.Value },
                new("completed", NpgsqlDbType.TimestampTz) { Value = (object?)observation.CompletedAt ?? DBNull.Value },
                new("terminal", observation.Status.IsTerminal()),
                new("category", NpgsqlDbType.Text) { Value = (object?)observation.FailureCategory ?? DBNull.Value },
                new("retryable", NpgsqlDbType.Boolean) { Value = (object?)observation.Retryable ?? DBNull.Value },
                new("delay", nextDelay),
            ],
        }));

    /// <summary>
    /// Of the remote ids a list page showed, the executions this store still tracks (not
    /// terminal), so one list call can update executions that were not claimed this cycle too.
    /// </summary>
    public async Task<IReadOnlyList<DueExecution>> FindTrackedAsync(IReadOnlyCollection<string> remoteIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, submission_id, attempt, workflow, remote_id, status, sent_at, now() - sent_at, poll_failures, surface,
                   (SELECT s.trace_parent FROM eigenpal.submissions s WHERE s.id = executions.submission_id)
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
        reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetTimeSpan(7), reader.GetInt32(8), Surfaces.ApiSurfaces.Parse(reader.GetString(9)),
        reader.IsDBNull(10) ? null : reader.GetString(10));

}
