using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Imports;

/// <summary>
/// The SQL of imports. An import is a state change of its own kind: a submission and its first attempt
/// come into being at once, already past sending, in the state the remote run is in. Like every change
/// through <see cref="StateChange"/>, it is all or nothing (one transaction: submission, attempt, history)
/// and guarded, here by uniqueness: the submission's idempotency key is the run's id and the attempt's
/// <c>remote_id</c> is unique, so two imports at once, or an import racing the worker recording that run
/// itself, insert it once; the loser changes nothing.
/// </summary>
internal static class ImportStore
{
    /// <summary>Why every imported attempt was made (<c>executions.made_because</c>), and the detail of its first history row.</summary>
    public const string MadeBecause = "imported: started outside the worker";

    /// <summary>The idempotency key of the submission adopting <paramref name="remoteId"/>.</summary>
    public static string KeyFor(string remoteId) => "import:" + remoteId;

    /// <summary>Of <paramref name="attemptIds"/> and <paramref name="submissionIds"/> (named by runs' metadata), those recorded here.</summary>
    public static async Task<HashSet<Guid>> KnownIdsAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> attemptIds, IReadOnlyCollection<Guid> submissionIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id FROM eigenpal.executions WHERE id = ANY(@attempts)
            UNION SELECT id FROM eigenpal.submissions WHERE id = ANY(@submissions)
            """, connection);
        command.Parameters.AddWithValue("attempts", attemptIds.ToArray());
        command.Parameters.AddWithValue("submissions", submissionIds.ToArray());
        var known = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            known.Add(reader.GetGuid(0));
        }

        return known;
    }

    /// <summary>
    /// Records <paramref name="run"/> as a new submission (origin <c>import</c>, in batch <paramref name="batch"/>)
    /// with one attempt mirroring its remote state; a run still going gets its first poll after
    /// <paramref name="firstPoll"/>, so the poller tracks it to its end. Returns false, having written nothing,
    /// when the run is already recorded (by an earlier or concurrent import, or by the worker itself).
    /// </summary>
    public static async Task<bool> AdoptAsync(
        NpgsqlConnection connection, ImportBatch batch, OutsideRun run, ImportedInput input, ApiSurface surface, TimeSpan firstPoll, string observer, CancellationToken ct)
    {
        var observation = run.Observation;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insertBatch = new NpgsqlCommand(
            "INSERT INTO eigenpal.batches (id, name, workflow) VALUES (@id, @name, @workflow) ON CONFLICT (id) DO NOTHING", connection, transaction))
        {
            insertBatch.Parameters.AddWithValue("id", batch.Id);
            insertBatch.Parameters.AddWithValue("name", batch.Name);
            insertBatch.Parameters.AddWithValue("workflow", batch.Workflow);
            await insertBatch.ExecuteNonQueryAsync(ct);
        }

        var submissionId = Guid.CreateVersion7();
        await using var submission = new NpgsqlCommand("""
            INSERT INTO eigenpal.submissions (id, workflow, idempotency_key, batch_id, source_name, input, state, state_reason, attempt, origin, inputs_missing)
            VALUES (@id, @workflow, @key, @batch, @source, @input::jsonb, @state, @error, 1, 'import', @inputs_missing)
            ON CONFLICT (workflow, idempotency_key) DO NOTHING
            """, connection, transaction);
        submission.Parameters.AddWithValue("id", submissionId);
        submission.Parameters.AddWithValue("workflow", batch.Workflow);
        submission.Parameters.AddWithValue("key", KeyFor(run.RemoteId));
        submission.Parameters.AddWithValue("batch", batch.Id);
        submission.Parameters.AddWithValue("source", run.RemoteId);
        submission.Parameters.AddWithValue("input", input.Values.ToJsonString());
        submission.Parameters.AddWithValue("state", AttemptStates.SubmissionStateFor(observation.Status).Name());
        submission.Parameters.Add(Text("error", observation.Error));
        submission.Parameters.Add(Text("inputs_missing", input.MissingReason));
        // The attempt's remote id is unique: one held by any attempt already means the run is tracked.
        await using var attempt = new NpgsqlCommand($"""
            WITH adopted AS (
                INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, remote_id, status, sent_at, remote_created_at, started_at, completed_at,
                                                 result, error, failure_category, retryable, next_poll_at, last_polled_at, last_polled_by, poll_count, surface, made_because)
                VALUES (@id, @submission, 1, @workflow, @remote, @status, COALESCE(@created, now()), @created, @started,
                        CASE WHEN @terminal THEN COALESCE(@completed, now()) END,
                        @result::jsonb, @error, @category, @retryable, CASE WHEN @terminal THEN NULL ELSE now() + @first_poll END,
                        now(), @observer, 1, @surface, '{MadeBecause}')
                ON CONFLICT (remote_id) DO NOTHING
                RETURNING id)
            INSERT INTO eigenpal.status_changes (execution_id, from_status, to_status, observed_by, detail)
            SELECT id, NULL, @status, @observer, '{MadeBecause}' FROM adopted
            """, connection, transaction);
        attempt.Parameters.AddWithValue("id", Guid.CreateVersion7());
        attempt.Parameters.AddWithValue("submission", submissionId);
        attempt.Parameters.AddWithValue("workflow", batch.Workflow);
        attempt.Parameters.AddWithValue("remote", run.RemoteId);
        attempt.Parameters.AddWithValue("status", AttemptStates.From(observation.Status).Name());
        attempt.Parameters.Add(Time("created", observation.CreatedAt));
        attempt.Parameters.Add(Time("started", observation.StartedAt));
        attempt.Parameters.Add(Time("completed", observation.CompletedAt));
        attempt.Parameters.AddWithValue("terminal", observation.Status.IsTerminal());
        attempt.Parameters.Add(new NpgsqlParameter("result", NpgsqlDbType.Text) { Value = JsonbText.From(observation.Result) });
        attempt.Parameters.Add(Text("error", observation.Error));
        attempt.Parameters.Add(Text("category", observation.FailureCategory));
        attempt.Parameters.Add(new NpgsqlParameter("retryable", NpgsqlDbType.Boolean) { Value = (object?)observation.Retryable ?? DBNull.Value });
        attempt.Parameters.AddWithValue("first_poll", firstPoll);
        attempt.Parameters.AddWithValue("observer", observer);
        attempt.Parameters.AddWithValue("surface", surface.Name());
        if (await submission.ExecuteNonQueryAsync(ct) == 0 || await attempt.ExecuteNonQueryAsync(ct) == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) => new(name, NpgsqlDbType.TimestampTz) { Value = (object?)value ?? DBNull.Value };
}
