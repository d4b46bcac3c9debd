using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Eigenpal.Reconciliation;

/// <summary>The SQL of reconciliation: the attempt's own facts, the workflow's other unresolved attempts, and claimed ids.</summary>
internal static class ReconciliationStore
{
    // The columns that make an UnresolvedAttempt; attempts written before windows were recorded get a wide one.
    private const string AttemptColumns = """
        e.id, e.submission_id, e.attempt,
        COALESCE(e.window_from, e.sent_at - @legacy_skew), COALESCE(e.window_to, e.sent_at + @legacy_timeout + @legacy_skew),
        e.status = 'sending' AND COALESCE(e.deadline_at, e.sent_at + @legacy_timeout) > now(),
        COALESCE(e.deadline_at, e.sent_at + @legacy_timeout),
        s.input::text,
        (SELECT COALESCE(json_agg(json_build_object('input', f.input_name, 'name', f.file_name, 'size', f.size_bytes, 'sha256', f.sha256)), '[]'::json)
         FROM eigenpal.submission_files f WHERE f.submission_id = s.id)::text,
        e.rerun_of
        """;

    /// <summary>
    /// Starts reconciliation on the first pass; returns how long it has been going, and how long ago
    /// both it began and the request was certainly over (negative while the request may still be
    /// answered): the settle time counts from the later of the two.
    /// </summary>
    public static async Task<(TimeSpan Reconciling, TimeSpan SinceRequestOver)> BeginAsync(NpgsqlConnection connection, Guid attemptId, TimeSpan legacyTimeout, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.executions SET reconcile_since = COALESCE(reconcile_since, now())
            WHERE id = @id
            RETURNING now() - reconcile_since, now() - GREATEST(reconcile_since, COALESCE(deadline_at, sent_at + @legacy_timeout))
            """, connection);
        command.Parameters.AddWithValue("id", attemptId);
        command.Parameters.AddWithValue("legacy_timeout", legacyTimeout);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetTimeSpan(0), reader.GetTimeSpan(1));
    }

    public static async Task<UnresolvedAttempt> LoadAttemptAsync(NpgsqlConnection connection, Guid attemptId, TimeSpan legacySkew, TimeSpan legacyTimeout, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {AttemptColumns}
            FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id
            WHERE e.id = @id
            """, connection);
        command.Parameters.AddWithValue("id", attemptId);
        AddLegacy(command, legacySkew, legacyTimeout);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException($"Attempt {attemptId} does not exist.");
        }

        return Read(reader);
    }

    /// <summary>The workflow's attempts other than <paramref name="exceptAttempt"/> whose run may exist unrecorded and whose window overlaps <paramref name="window"/>.</summary>
    public static async Task<IReadOnlyList<UnresolvedAttempt>> OverlappingUnresolvedAsync(
        NpgsqlConnection connection, string workflow, ReconcileWindow window, Guid exceptAttempt, TimeSpan legacySkew, TimeSpan legacyTimeout, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {AttemptColumns}
            FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id
            WHERE e.workflow = @workflow AND e.remote_id IS NULL AND e.status IN ('sending', 'undetermined') AND e.id <> @except
              AND COALESCE(e.window_from, e.sent_at - @legacy_skew) <= @to
              AND COALESCE(e.window_to, e.sent_at + @legacy_timeout + @legacy_skew) >= @from
            """, connection);
        command.Parameters.AddWithValue("workflow", workflow);
        command.Parameters.AddWithValue("except", exceptAttempt);
        command.Parameters.AddWithValue("from", window.From);
        command.Parameters.AddWithValue("to", window.To);
        AddLegacy(command, legacySkew, legacyTimeout);
        var attempts = new List<UnresolvedAttempt>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            attempts.Add(Read(reader));
        }

        return attempts;
    }

    /// <summary>Of the given remote ids, those already recorded for some attempt.</summary>
    public static async Task<HashSet<string>> ClaimedRemoteIdsAsync(NpgsqlConnection connection, IReadOnlyCollection<string> remoteIds, CancellationToken ct)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        if (remoteIds.Count == 0)
        {
            return claimed;
        }

        await using var command = new NpgsqlCommand("SELECT remote_id FROM eigenpal.executions WHERE remote_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", remoteIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(reader.GetString(0));
        }

        return claimed;
    }

    /// <summary>
    /// The latest run this worker started on v1 and knows from the start's own answer (not a rerun, never
    /// reconciled, so surely the run of that attempt), with the attempt: to learn whether the service echoes metadata.
    /// </summary>
    public static async Task<(string RemoteId, Guid AttemptId)?> KnownV1RunAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT remote_id, id FROM eigenpal.executions
            WHERE surface = 'v1' AND remote_id IS NOT NULL AND rerun_of IS NULL AND reconcile_since IS NULL
            ORDER BY sent_at DESC LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetGuid(1)) : null;
    }

    /// <summary>Counts a reconciliation pass that could not decide; returns the failures so far.</summary>
    public static async Task<int> CountFailedPassAsync(NpgsqlConnection connection, Guid attemptId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE eigenpal.executions SET reconcile_failures = reconcile_failures + 1 WHERE id = @id RETURNING reconcile_failures", connection);
        command.Parameters.AddWithValue("id", attemptId);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private static void AddLegacy(NpgsqlCommand command, TimeSpan legacySkew, TimeSpan legacyTimeout)
    {
        command.Parameters.AddWithValue("legacy_skew", legacySkew);
        command.Parameters.AddWithValue("legacy_timeout", legacyTimeout);
    }

    private static UnresolvedAttempt Read(NpgsqlDataReader reader)
    {
        var input = JsonNode.Parse(reader.GetString(7))!.AsObject();
        var files = JsonSerializer.Deserialize<List<FileRow>>(reader.GetString(8), FileRowJson) ?? [];
        foreach (var file in files)
        {
            // A file input replaces a scalar of the same name when the run is built.
            input.Remove(file.Input);
        }

        var fingerprint = new AttemptFingerprint(input, [.. files.Select(f => new SentFile(f.Input, f.Name, f.Size, f.Sha256))]);
        return new UnresolvedAttempt(
            reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2),
            new ReconcileWindow(reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)),
            fingerprint, reader.GetBoolean(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(9) ? null : reader.GetString(9));
    }

    private static readonly JsonSerializerOptions FileRowJson = new(JsonSerializerDefaults.Web);

    private sealed record FileRow(string Input, string Name, long Size, string Sha256);
}
