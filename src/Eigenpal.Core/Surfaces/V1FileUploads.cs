using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Eigenpal.Api.V1;
using Eigenpal.Submissions;
using Npgsql;

namespace Eigenpal.Surfaces;

/// <summary>
/// Uploads a submission's files to the v1 files API once, so that every attempt starts with
/// <c>{"$fileId": …}</c> instead of sending the bytes again. The idempotency key is derived from the
/// submission, the input and the file's hash, so an upload whose answer was lost is asked again with
/// the same key. A <c>run-input</c> file lives 24 h on the service: one uploaded longer ago than
/// <see cref="ReuseFor"/> is uploaded again (under the day's key) before it is referenced.
/// </summary>
internal static class V1FileUploads
{
    /// <summary>How long an uploaded file is referenced before it is uploaded again (the service keeps run-input files 24 h).</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromHours(20);

    public const string Purpose = "run-input";

    /// <summary>Returns the file id of every file input, uploading those not uploaded (recently) yet.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnsureUploadedAsync(
        NpgsqlConnection connection, FilesClient files, Guid submissionId, IReadOnlyList<SubmissionFile> inputs, DateTimeOffset now, CancellationToken ct)
    {
        var known = await LoadAsync(connection, submissionId, ct);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in inputs)
        {
            if (known.TryGetValue(file.InputName, out var upload) && upload.Age < ReuseFor)
            {
                ids[file.InputName] = upload.FileId;
                continue;
            }

            var uploaded = await files.UploadAsync(
                new FileUpload(file.Content, file.FileName, file.ContentType, IdempotencyKey(submissionId, file, now), Purpose), ct);
            await RecordAsync(connection, submissionId, file.InputName, uploaded.Id, ct);
            ids[file.InputName] = uploaded.Id;
        }

        return ids;
    }

    /// <summary>
    /// <c>ew-&lt;submission&gt;-&lt;input&gt;-&lt;sha256&gt;-&lt;day&gt;</c>: the same for every try of one upload on one
    /// day, different for another submission, input or content. Only <c>[a-z0-9-]</c>, since the
    /// format the service accepts is not documented.
    /// </summary>
    public static string IdempotencyKey(Guid submissionId, SubmissionFile file, DateTimeOffset now)
    {
        var input = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.InputName)))[..8];
        return string.Create(CultureInfo.InvariantCulture, $"ew-{submissionId:N}-{input}-{file.Sha256[..32]}-{now.UtcDateTime:yyyyMMdd}");
    }

    private static async Task<Dictionary<string, (string FileId, TimeSpan Age)>> LoadAsync(NpgsqlConnection connection, Guid submissionId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT input_name, remote_file_id, now() - remote_file_uploaded_at FROM eigenpal.submission_files
            WHERE submission_id = @id AND remote_file_id IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("id", submissionId);
        var known = new Dictionary<string, (string, TimeSpan)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            known[reader.GetString(0)] = (reader.GetString(1), reader.GetTimeSpan(2));
        }

        return known;
    }

    private static async Task RecordAsync(NpgsqlConnection connection, Guid submissionId, string inputName, string fileId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.submission_files SET remote_file_id = @file, remote_file_uploaded_at = now()
            WHERE submission_id = @id AND input_name = @input
            """, connection);
        command.Parameters.AddWithValue("id", submissionId);
        command.Parameters.AddWithValue("input", inputName);
        command.Parameters.AddWithValue("file", fileId);
        await command.ExecuteNonQueryAsync(ct);
    }
}
