using System.Text.Json;
using Eigenpal.Submissions;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Reprocessing;

/// <summary>
/// What reprocessing reads and records: the failed submissions a run judges, and the run reports
/// (<c>eigenpal.reprocess_runs</c>). The move back to pending itself goes through
/// <see cref="Executions.StateChange.ReopenFailedAsync"/>, the door of every state change.
/// </summary>
internal static class ReprocessStore
{
    // What a candidate is read from: the submission joined to its latest attempt (s and e).
    private const string CandidateSelect = """
        SELECT s.id, s.state, s.workflow, s.attempt, e.retryable, e.failure_category, COALESCE(e.error, s.state_reason),
               COALESCE(e.completed_at, s.updated_at) AS failed_at,
               EXISTS (SELECT 1 FROM eigenpal.submission_files f WHERE f.submission_id = s.id AND f.content IS NULL),
               s.inputs_missing, COALESCE(e.surface = 'v1' AND e.remote_id IS NOT NULL, false), s.source_name, now()
        """;

    private const string LatestAttemptFrom = """
        FROM eigenpal.submissions s
        LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
        """;

    /// <summary>
    /// The candidates of a selection: every failed submission, and the rejected, cancelled and error ones since
    /// <c>@others_since</c>, joined to their latest attempt (<c>s</c> and <c>e</c>). Shared by the run, which
    /// reads them one by one, and the preview (<see cref="ReprocessPreview"/>), which counts them in groups.
    /// A batch filter matches the batch id or every batch recorded under that name, as elsewhere.
    /// </summary>
    internal const string CandidatesFrom = LatestAttemptFrom + """

        WHERE (s.state = 'failed' OR (s.state IN ('rejected', 'cancelled', 'error') AND COALESCE(e.completed_at, s.updated_at) >= @others_since))
          AND (@workflow::text IS NULL OR s.workflow = @workflow)
          AND (@batch::text IS NULL OR s.batch_id IN (SELECT b.id FROM eigenpal.batches b WHERE b.id::text = @batch OR b.name = @batch))
          AND (@since::interval IS NULL OR COALESCE(e.completed_at, s.updated_at) >= now() - @since)
        """;

    private const string CandidatesSql = CandidateSelect + "\n" + CandidatesFrom + "\nORDER BY failed_at, s.id";

    /// <summary>
    /// Every failed submission of the selection, and those that ended rejected, cancelled or in error since
    /// <paramref name="othersSince"/> (to report them without re-reading all history every night), oldest
    /// first, and the database's now.
    /// </summary>
    public static async Task<(IReadOnlyList<(FailedCandidate Candidate, string? SourceName)> Rows, DateTimeOffset Now)> ReadCandidatesAsync(
        NpgsqlConnection connection, ReprocessSelection selection, DateTimeOffset othersSince, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(CandidatesSql, connection);
        AddSelection(command.Parameters, selection, othersSince);
        var rows = new List<(FailedCandidate, string?)>();
        DateTimeOffset? now = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(ReadCandidate(reader));
                now ??= reader.GetFieldValue<DateTimeOffset>(12);
            }
        }

        return (rows, now ?? await NowAsync(connection, ct));
    }

    /// <summary>
    /// One submission as a reprocess run would read it, whatever its state (a completed one too, so the caller
    /// can say why it is not a candidate), locked until the caller's transaction ends; null when there is none,
    /// with the database's now.
    /// </summary>
    public static async Task<(FailedCandidate? Candidate, DateTimeOffset Now)> ReadOneAsync(NpgsqlConnection connection, Guid submissionId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(CandidateSelect + "\n" + LatestAttemptFrom + "\nWHERE s.id = @id FOR UPDATE OF s", connection);
        command.Parameters.AddWithValue("id", submissionId);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                return (ReadCandidate(reader).Candidate, reader.GetFieldValue<DateTimeOffset>(12));
            }
        }

        return (null, await NowAsync(connection, ct));
    }

    /// <summary>The parameters of <see cref="CandidatesFrom"/>.</summary>
    internal static void AddSelection(NpgsqlParameterCollection parameters, ReprocessSelection selection, DateTimeOffset othersSince)
    {
        parameters.AddWithValue("others_since", othersSince);
        parameters.Add(new NpgsqlParameter("workflow", NpgsqlDbType.Text) { Value = (object?)selection.Workflow ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Text) { Value = (object?)selection.Batch ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.Interval) { Value = (object?)selection.Since ?? DBNull.Value });
    }

    /// <summary>Records that a run started; returns its id and start time.</summary>
    public static async Task<(Guid Id, DateTimeOffset StartedAt)> StartRunAsync(
        NpgsqlConnection connection, ReprocessTrigger trigger, ReprocessSelection selection, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var command = new NpgsqlCommand(
            "INSERT INTO eigenpal.reprocess_runs (id, trigger, selection) VALUES (@id, @trigger, @selection) RETURNING started_at", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("trigger", trigger.Name());
        command.Parameters.Add(new NpgsqlParameter("selection", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(selection, ReportJson.Options) });
        var startedAt = (DateTime)(await command.ExecuteScalarAsync(ct))!;
        return (id, new DateTimeOffset(startedAt, TimeSpan.Zero));
    }

    /// <summary>Writes a run's counts so far; with <paramref name="finished"/>, also that it ended (and why, when <paramref name="error"/> is set).</summary>
    public static async Task RecordAsync(
        NpgsqlConnection connection, Guid runId, int qualified, int resubmitted, IReadOnlyDictionary<SkipReason, int> skipped,
        bool finished, string? error, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.reprocess_runs
            SET qualified = @qualified, resubmitted = @resubmitted, skipped = @skipped, error = @error,
                finished_at = CASE WHEN @finished THEN now() ELSE finished_at END
            WHERE id = @id
            """, connection);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("qualified", qualified);
        command.Parameters.AddWithValue("resubmitted", resubmitted);
        command.Parameters.Add(new NpgsqlParameter("skipped", NpgsqlDbType.Jsonb) { Value = SkippedJson(skipped) });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        command.Parameters.AddWithValue("finished", finished);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>When the latest finished (non-dry) run started, or null before the first.</summary>
    public static async Task<DateTimeOffset?> LastFinishedRunStartAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT max(started_at) FROM eigenpal.reprocess_runs WHERE finished_at IS NOT NULL", connection);
        return await command.ExecuteScalarAsync(ct) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>The last <paramref name="last"/> runs, newest first.</summary>
    public static async Task<IReadOnlyList<ReprocessReport>> HistoryAsync(NpgsqlConnection connection, int last, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, trigger, started_at, finished_at, qualified, resubmitted, skipped::text, selection::text, error
            FROM eigenpal.reprocess_runs ORDER BY started_at DESC, id DESC LIMIT @last
            """, connection);
        command.Parameters.AddWithValue("last", last);
        var reports = new List<ReprocessReport>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            reports.Add(new ReprocessReport(
                reader.GetGuid(0),
                Enum.GetValues<ReprocessTrigger>().First(t => t.Name() == reader.GetString(1)),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt32(4),
                reader.GetInt32(5),
                ReadSkipped(reader.GetString(6)),
                JsonSerializer.Deserialize<ReprocessSelection>(reader.GetString(7), ReportJson.Options) ?? new ReprocessSelection(),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return reports;
    }

    private static (FailedCandidate Candidate, string? SourceName) ReadCandidate(NpgsqlDataReader reader) => (new FailedCandidate(
        reader.GetGuid(0), SubmissionStates.Parse(reader.GetString(1)), reader.GetString(2), reader.GetInt32(3),
        reader.IsDBNull(4) ? null : reader.GetBoolean(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetBoolean(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetBoolean(10)), reader.IsDBNull(11) ? null : reader.GetString(11));

    private static string SkippedJson(IReadOnlyDictionary<SkipReason, int> skipped) =>
        JsonSerializer.Serialize(skipped.Where(s => s.Value > 0).ToDictionary(s => s.Key.Name(), s => s.Value));

    // A reason a later version added and this one does not know is left out rather than failing the history.
    private static Dictionary<SkipReason, int> ReadSkipped(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [])
        .Select(p => (Reason: SkipReasons.FromName(p.Key), Count: p.Value))
        .Where(p => p.Reason is not null)
        .ToDictionary(p => p.Reason!.Value, p => p.Count);

    /// <summary>The database's now, the clock every age is judged by.</summary>
    internal static async Task<DateTimeOffset> NowAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT now()", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(ct))!, TimeSpan.Zero);
    }

    private static class ReportJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    }
}
