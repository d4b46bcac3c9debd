using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Submissions.Queries;

/// <summary>
/// Read-only questions operators ask of the tracking store: how a batch is doing, what failed and
/// why, everything about one submission, and the results of a batch. Nothing here changes a row.
/// </summary>
public sealed partial class SubmissionQueries(NpgsqlDataSource dataSource)
{
    // A batch filter matches the batch id or every batch recorded under that name. The batches are looked up first
    // (ARRAY(...) is evaluated once), so the submissions are then read through their batch index, not scanned.
    private const string FilterSql = """
        (@batch::text IS NULL OR s.batch_id = ANY (ARRAY(SELECT b.id FROM eigenpal.batches b WHERE b.id::text = @batch OR b.name = @batch)))
        AND (@workflow::text IS NULL OR s.workflow = @workflow)
        """;

    private const string SummaryColumns = """
        s.id, s.batch_id, s.workflow, s.source_name, s.state, s.state_reason, s.attempt, e.remote_id, s.created_at, s.updated_at
        """;

    private const string LatestAttemptJoin = "LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt";

    /// <summary>True when a batch with this id or name was recorded.</summary>
    public async Task<bool> BatchExistsAsync(string batch, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM eigenpal.batches WHERE id::text = @batch OR name = @batch)");
        command.Parameters.AddWithValue("batch", batch);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken) ?? false);
    }

    /// <summary>How many submissions are in each state (states with none are left out).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(SubmissionFilter filter, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT s.state, count(*) FROM eigenpal.submissions s WHERE {FilterSql} GROUP BY s.state");
        AddFilter(command, filter);
        return await ReadCountsAsync(command, cancellationToken);
    }

    /// <summary>How many of the given submissions are in each state (used to follow a batch being submitted).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(IReadOnlyCollection<Guid> submissionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        await using var command = dataSource.CreateCommand("SELECT state, count(*) FROM eigenpal.submissions WHERE id = ANY(@ids) GROUP BY state");
        command.Parameters.AddWithValue("ids", submissionIds.ToArray());
        return await ReadCountsAsync(command, cancellationToken);
    }

    /// <summary>The submissions waiting longest for a final state, oldest first.</summary>
    public async Task<IReadOnlyList<SubmissionSummary>> OldestUnfinishedAsync(SubmissionFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {SummaryColumns} FROM eigenpal.submissions s {LatestAttemptJoin}
            WHERE s.state IN ('pending', 'sending', 'running') AND {FilterSql}
            ORDER BY s.created_at, s.id LIMIT @limit
            """);
        AddFilter(command, filter);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadSummariesAsync(command, cancellationToken);
    }

    /// <summary>Undetermined submissions, oldest first, with the executions each may be: what awaits an operator's decision.</summary>
    public async Task<IReadOnlyList<AwaitingDecision>> AwaitingDecisionAsync(SubmissionFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.id, s.source_name, s.attempt, COALESCE(e.candidates, ARRAY[]::text[]), s.updated_at
            FROM eigenpal.submissions s {LatestAttemptJoin}
            WHERE s.state = 'undetermined' AND {FilterSql}
            ORDER BY s.updated_at, s.id LIMIT @limit
            """);
        AddFilter(command, filter);
        command.Parameters.AddWithValue("limit", limit);
        var awaiting = new List<AwaitingDecision>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            awaiting.Add(new AwaitingDecision(
                reader.GetGuid(0), NullableString(reader, 1), reader.GetInt32(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return awaiting;
    }

    /// <summary>The most common reasons of submissions that ended without completing, most frequent first.</summary>
    public Task<IReadOnlyList<FailureReason>> TopFailureReasonsAsync(SubmissionFilter filter, int limit, CancellationToken cancellationToken = default) =>
        TopFailureReasonsAsync(filter, since: null, limit, cancellationToken);

    /// <summary>
    /// The most common reasons of submissions that ended without completing since <paramref name="since"/> (their
    /// state's change), most frequent first. The dashboard always bounds the overview by a time window, so the count
    /// reads the window's failures through the state index instead of every failure ever recorded.
    /// </summary>
    public async Task<IReadOnlyList<FailureReason>> TopFailureReasonsAsync(SubmissionFilter filter, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand($"""
            SELECT s.state, COALESCE(s.state_reason, '(no reason recorded)') AS reason, count(*) AS n
            FROM eigenpal.submissions s
            WHERE s.state IN ('failed', 'rejected', 'error', 'undetermined', 'vanished') AND {FilterSql}{(since is null ? "" : " AND s.updated_at >= @since")}
            GROUP BY s.state, reason ORDER BY n DESC, reason LIMIT @limit
            """);
        AddFilter(command, filter);
        // The window is added to the text only when given, so that it is planned as a range of the state index.
        if (since is { } from)
        {
            command.Parameters.AddWithValue("since", NpgsqlDbType.TimestampTz, from);
        }

        command.Parameters.AddWithValue("limit", limit);
        var reasons = new List<FailureReason>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reasons.Add(new FailureReason(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return reasons;
    }

    /// <summary>Submissions matching <paramref name="query"/>, most recently updated first.</summary>
    public async Task<IReadOnlyList<SubmissionSummary>> ListAsync(SubmissionListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand($"""
            SELECT {SummaryColumns} FROM eigenpal.submissions s {LatestAttemptJoin}
            WHERE (cardinality(@states) = 0 OR s.state = ANY(@states))
              AND (@since::timestamptz IS NULL OR s.updated_at >= @since)
              AND {FilterSql}
            ORDER BY s.updated_at DESC, s.id LIMIT @limit
            """);
        AddFilter(command, query.Filter);
        command.Parameters.AddWithValue("states", query.States.ToArray());
        command.Parameters.AddWithValue("since", NpgsqlDbType.TimestampTz, (object?)query.Since ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", query.Limit);
        return await ReadSummariesAsync(command, cancellationToken);
    }

    /// <summary>The ids of the submissions not in a final state yet (what <c>cancel --batch</c> acts on).</summary>
    public async Task<IReadOnlyList<Guid>> UnfinishedIdsAsync(SubmissionFilter filter, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.id FROM eigenpal.submissions s
            WHERE s.state IN ('pending', 'sending', 'running') AND {FilterSql} ORDER BY s.created_at, s.id
            """);
        AddFilter(command, filter);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Finds a submission by its id, or by the remote execution id of any of its attempts; null when neither matches.</summary>
    public async Task<SubmissionDetail?> FindAsync(string submissionOrExecutionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var find = new NpgsqlCommand($"""
            SELECT {SummaryColumns}, s.version, s.idempotency_key, s.input::text
            FROM eigenpal.submissions s {LatestAttemptJoin}
            WHERE s.id = @guid OR s.id = (SELECT x.submission_id FROM eigenpal.executions x WHERE x.remote_id = @id)
            """, connection);
        // Both lookups go through a unique index (the primary key, executions.remote_id): a text comparison
        // of s.id would read every submission.
        var id = submissionOrExecutionId.Trim();
        find.Parameters.AddWithValue("guid", NpgsqlDbType.Uuid, Guid.TryParse(id, out var guid) ? guid : DBNull.Value);
        find.Parameters.AddWithValue("id", id);
        SubmissionSummary summary;
        string? version;
        string key, input;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            summary = ReadSummary(reader);
            version = reader.IsDBNull(10) ? null : reader.GetString(10);
            key = reader.GetString(11);
            input = reader.GetString(12);
        }

        var files = await FilesAsync(connection, summary.Id, cancellationToken);
        return new SubmissionDetail(
            summary, version, key, input,
            [.. files.Select(Describe)],
            await AttemptsAsync(connection, summary.Id, cancellationToken),
            await HistoryAsync(connection, summary.Id, cancellationToken))
        {
            StoredFiles = files,
        };
    }

    /// <summary>Each submission of a batch (id or name) with its outcome, in the order they were recorded.</summary>
    public async IAsyncEnumerable<SubmissionResult> ResultsAsync(string batch, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.id, s.source_name, f.file_name, s.state, e.remote_id, e.result::text, COALESCE(e.error, s.state_reason)
            FROM eigenpal.submissions s {LatestAttemptJoin}
            LEFT JOIN LATERAL (
                SELECT sf.file_name FROM eigenpal.submission_files sf WHERE sf.submission_id = s.id ORDER BY sf.input_name LIMIT 1
            ) f ON true
            WHERE {FilterSql}
            ORDER BY s.created_at, s.id
            """);
        AddFilter(command, new SubmissionFilter(batch));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new SubmissionResult(
                reader.GetGuid(0), NullableString(reader, 1), NullableString(reader, 2), reader.GetString(3),
                NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6));
        }
    }

    private static async Task<IReadOnlyList<StoredFile>> FilesAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT input_name, file_name, content_type, size_bytes, sha256, content IS NULL, purged_at FROM eigenpal.submission_files WHERE submission_id = @id ORDER BY input_name",
            connection);
        command.Parameters.AddWithValue("id", id);
        var files = new List<StoredFile>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            files.Add(new StoredFile(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return files;
    }

    // A purged file keeps its name, size and hash; only its bytes are gone (Eigenpal:Retention), which show tells.
    private static string Describe(StoredFile file)
    {
        var purged = !file.Purged ? ""
            : file.PurgedAt is not { } at ? ", purged"
            : $", purged {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        return $"{file.InputName}: {file.FileName} ({file.SizeBytes} bytes{purged})";
    }

    private static async Task<IReadOnlyList<ExecutionAttempt>> AttemptsAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, attempt, remote_id, status, sent_at, completed_at, result::text, error, failure_category, request_id, cancel_outcome, surface, made_because
            FROM eigenpal.executions WHERE submission_id = @id ORDER BY attempt
            """, connection);
        command.Parameters.AddWithValue("id", id);
        var attempts = new List<ExecutionAttempt>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            attempts.Add(new ExecutionAttempt(
                reader.GetGuid(0), reader.GetInt32(1), NullableString(reader, 2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                NullableString(reader, 6), NullableString(reader, 7), NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10),
                reader.GetString(11), NullableString(reader, 12)));
        }

        return attempts;
    }

    private static async Task<IReadOnlyList<StatusChange>> HistoryAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.attempt, c.from_status, c.to_status, c.changed_at, c.observed_by, c.detail
            FROM eigenpal.status_changes c JOIN eigenpal.executions e ON e.id = c.execution_id
            WHERE e.submission_id = @id ORDER BY c.id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        var history = new List<StatusChange>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            history.Add(new StatusChange(
                reader.GetInt32(0), NullableString(reader, 1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                NullableString(reader, 4), NullableString(reader, 5)));
        }

        return history;
    }

    private static void AddFilter(NpgsqlCommand command, SubmissionFilter filter)
    {
        command.Parameters.AddWithValue("batch", NpgsqlDbType.Text, (object?)filter.Batch ?? DBNull.Value);
        command.Parameters.AddWithValue("workflow", NpgsqlDbType.Text, (object?)filter.Workflow ?? DBNull.Value);
    }

    private static async Task<IReadOnlyDictionary<string, long>> ReadCountsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<IReadOnlyList<SubmissionSummary>> ReadSummariesAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<SubmissionSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(ReadSummary(reader));
        }

        return rows;
    }

    private static SubmissionSummary ReadSummary(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), NullableString(reader, 3),
        reader.GetString(4), NullableString(reader, 5), reader.GetInt32(6), NullableString(reader, 7),
        reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
