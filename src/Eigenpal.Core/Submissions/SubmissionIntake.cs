using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Submissions;

/// <summary>
/// Records submissions durably, with their files' bytes, before anything is sent to the API.
/// This is the only way work enters the system; the relay picks recorded rows up from here.
/// </summary>
public sealed partial class SubmissionIntake(NpgsqlDataSource dataSource, TimeProvider time, ILogger<SubmissionIntake> logger)
{
    /// <summary>The channel the relay listens on, so it wakes as soon as work is recorded.</summary>
    internal const string NotifyChannel = "eigenpal_submissions";

    /// <summary>Records one submission (or returns the existing one with the same idempotency key).</summary>
    public async Task<RecordedSubmission> RecordAsync(NewSubmission submission, CancellationToken cancellationToken = default)
    {
        var batch = await RecordBatchAsync(null, [submission], cancellationToken);
        return batch.Submissions[0];
    }

    /// <summary>
    /// Records a whole batch in one transaction: either every submission is recorded (or found
    /// under its idempotency key) or none is.
    /// </summary>
    public Task<RecordedBatch> RecordBatchAsync(string? batchName, IReadOnlyList<NewSubmission> submissions, CancellationToken cancellationToken = default) =>
        RecordIntoBatchAsync(Guid.CreateVersion7(time.GetUtcNow()), batchName, submissions, cancellationToken);

    /// <summary>
    /// Records submissions into the batch <paramref name="batchId"/> in one transaction, creating the
    /// batch if it does not exist yet. A large batch (a folder of thousands of files) is recorded as
    /// several such chunks under one id, each durable before the next one is read, so a bad row or a
    /// crash later on never loses what was already recorded.
    /// </summary>
    public async Task<RecordedBatch> RecordIntoBatchAsync(Guid batchId, string? batchName, IReadOnlyList<NewSubmission> submissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        if (submissions.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one submission.", nameof(submissions));
        }

        foreach (var submission in submissions)
        {
            Validate(submission);
        }

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var insertBatch = new NpgsqlCommand(
            "INSERT INTO eigenpal.batches (id, name, workflow, created_at) VALUES (@id, @name, @workflow, @now) ON CONFLICT (id) DO NOTHING",
            connection, transaction))
        {
            insertBatch.Parameters.AddWithValue("id", batchId);
            insertBatch.Parameters.AddWithValue("name", (object?)batchName ?? DBNull.Value);
            insertBatch.Parameters.AddWithValue("workflow", string.Join(",", submissions.Select(s => s.Workflow).Distinct()));
            insertBatch.Parameters.AddWithValue("now", now);
            await insertBatch.ExecuteNonQueryAsync(cancellationToken);
        }

        var recorded = new List<RecordedSubmission>(submissions.Count);
        foreach (var submission in submissions)
        {
            recorded.Add(await InsertAsync(connection, transaction, batchId, batchName, submission, now, cancellationToken));
        }

        await using (var notify = new NpgsqlCommand($"NOTIFY {NotifyChannel}", connection, transaction))
        {
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var result = new RecordedBatch(batchId, recorded);
        LogBatchRecorded(logger, batchId, batchName, result.CreatedCount, submissions.Count - result.CreatedCount);
        return result;
    }

    // The intake span is the root of the submission's trace; its traceparent is stored so that the send and the
    // polls, in other jobs and processes, continue that trace (only when someone listens: see EigenpalTracing).
    private static async Task<RecordedSubmission> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid batchId, string? batchName, NewSubmission submission, DateTimeOffset now, CancellationToken ct)
    {
        var key = submission.IdempotencyKey ?? IdempotencyKey.For(submission.Workflow, submission.Version, submission.Input, submission.Files);
        var id = Guid.CreateVersion7(now);
        using var span = Telemetry.EigenpalTracing.StartIntake(submission.Workflow, batchName);
        span?.SetTag("eigenpal.submission_id", id.ToString());

        await using var insert = new NpgsqlCommand("""
            INSERT INTO eigenpal.submissions (id, workflow, version, idempotency_key, batch_id, source_name, input, state, created_at, updated_at, not_before, trace_parent)
            VALUES (@id, @workflow, @version, @key, @batch, @source, @input, 'pending', @now, @now, @now, @trace_parent)
            ON CONFLICT (workflow, idempotency_key) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("workflow", submission.Workflow);
        insert.Parameters.AddWithValue("version", (object?)submission.Version ?? DBNull.Value);
        insert.Parameters.AddWithValue("key", key);
        insert.Parameters.AddWithValue("batch", batchId);
        insert.Parameters.AddWithValue("source", (object?)submission.SourceName ?? DBNull.Value);
        insert.Parameters.AddWithValue("input", NpgsqlDbType.Jsonb, submission.Input.ToJsonString());
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("trace_parent", NpgsqlDbType.Text, (object?)span?.Id ?? DBNull.Value);
        if (await insert.ExecuteNonQueryAsync(ct) == 0)
        {
            // Already recorded under its key: the trace of the first recording stands.
            span?.SetTag("eigenpal.intake.existing", true);
            await using var existing = new NpgsqlCommand(
                "SELECT id FROM eigenpal.submissions WHERE workflow = @workflow AND idempotency_key = @key", connection, transaction);
            existing.Parameters.AddWithValue("workflow", submission.Workflow);
            existing.Parameters.AddWithValue("key", key);
            var existingId = (Guid)(await existing.ExecuteScalarAsync(ct))!;
            return new RecordedSubmission(existingId, key, Created: false);
        }

        foreach (var file in submission.Files)
        {
            await using var insertFile = new NpgsqlCommand("""
                INSERT INTO eigenpal.submission_files (submission_id, input_name, file_name, content_type, size_bytes, sha256, content)
                VALUES (@id, @input, @name, @type, @size, @sha, @content)
                """, connection, transaction);
            insertFile.Parameters.AddWithValue("id", id);
            insertFile.Parameters.AddWithValue("input", file.InputName);
            insertFile.Parameters.AddWithValue("name", file.FileName);
            insertFile.Parameters.AddWithValue("type", file.ContentType);
            insertFile.Parameters.AddWithValue("size", (long)file.Content.Length);
            insertFile.Parameters.AddWithValue("sha", file.Sha256);
            insertFile.Parameters.AddWithValue("content", file.Content);
            await insertFile.ExecuteNonQueryAsync(ct);
        }

        return new RecordedSubmission(id, key, Created: true);
    }

    private static void Validate(NewSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (string.IsNullOrWhiteSpace(submission.Workflow))
        {
            throw new ArgumentException($"Submission '{submission.SourceName}': the workflow is empty.", nameof(submission));
        }

        var duplicate = submission.Files.GroupBy(f => f.InputName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Submission '{submission.SourceName}': input '{duplicate.Key}' has more than one file.", nameof(submission));
        }

        var clash = submission.Files.FirstOrDefault(f => submission.Input.ContainsKey(f.InputName));
        if (clash is not null)
        {
            throw new ArgumentException($"Submission '{submission.SourceName}': input '{clash.InputName}' is given both as a file and as a value.", nameof(submission));
        }
    }

    [LoggerMessage(EventId = 200, EventName = "BatchRecorded", Level = LogLevel.Information,
        Message = "Recorded batch {BatchId} ({BatchName}): {CreatedCount} new submissions, {ExistingCount} already recorded")]
    private static partial void LogBatchRecorded(ILogger logger, Guid batchId, string? batchName, int createdCount, int existingCount);
}
