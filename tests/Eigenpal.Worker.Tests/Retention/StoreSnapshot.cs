using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Retention;

/// <summary>What the retention must never change (rows, hashes, sizes, names, results) and what it frees (stored bytes), read at one moment.</summary>
internal sealed record StoreSnapshot(
    long Submissions, long Files, long Executions, long StatusChanges, long StoredBytes, IReadOnlyList<string> FileFacts, IReadOnlyList<string> Results)
{
    private static readonly string[] Tables = ["batches", "submissions", "submission_files", "executions", "status_changes"];

    public static async Task<StoreSnapshot> TakeAsync(TrackingDatabase db) => new(
        await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"),
        await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_files"),
        await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions"),
        await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.status_changes"),
        await db.ScalarAsync<long>("SELECT COALESCE(sum(octet_length(content)), 0) FROM eigenpal.submission_files"),
        await db.ColumnAsync<string>(
            "SELECT submission_id || ' ' || input_name || ' ' || file_name || ' ' || content_type || ' ' || size_bytes || ' ' || sha256 " +
            "FROM eigenpal.submission_files ORDER BY submission_id, input_name"),
        await db.ColumnAsync<string>("SELECT id || ' ' || COALESCE(result::text, '-') || ' ' || COALESCE(error, '-') FROM eigenpal.executions ORDER BY id"));

    /// <summary>A digest of every row of our tables: equal digests mean nothing was written.</summary>
    public static async Task<string> DigestAsync(TrackingDatabase db)
    {
        var digests = new List<string>();
        foreach (var table in Tables)
        {
            digests.Add(table + ":" + await db.ScalarAsync<string>(
                $"SELECT md5(COALESCE(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM eigenpal.{table} t"));
        }

        return string.Join(" ", digests);
    }

    /// <summary>Whether the submission's file still holds its bytes.</summary>
    public static async Task<bool> StoredAsync(TrackingDatabase db, Guid submission)
    {
        await using var command = db.DataSource.CreateCommand(
            "SELECT bool_and(content IS NOT NULL AND purged_at IS NULL) FROM eigenpal.submission_files WHERE submission_id = @id");
        command.Parameters.AddWithValue("id", submission);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Whether every file of the submission was purged (bytes gone, purge time set).</summary>
    public static async Task<bool> PurgedAsync(TrackingDatabase db, Guid submission)
    {
        await using var command = db.DataSource.CreateCommand(
            "SELECT bool_and(content IS NULL AND purged_at IS NOT NULL) FROM eigenpal.submission_files WHERE submission_id = @id");
        command.Parameters.AddWithValue("id", submission);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
