using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Contracts;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.V1.Files;

/// <summary>
/// The files routes (§5.5–§5.8). A multipart upload to the url of a negotiated session
/// (<c>?uploadId=…</c>) makes that session's file once: a repeat answers the same file.
/// A plain <c>POST /v1/files</c> makes a new file every time.
/// </summary>
internal static class FilesEndpoints
{
    public static async Task<IResult> Create(HttpContext context, FileStore files, ApiClock time, SimulatorCounters counters)
    {
        if (!context.Request.HasFormContentType)
        {
            return ApiErrors.Validation(context, "body", "Upload the file as multipart/form-data with a part named 'file'.");
        }

        var uploadId = context.Request.Query["uploadId"].ToString();
        var session = uploadId.Length > 0 ? files.FindSession(uploadId) : null;
        if (uploadId.Length > 0 && session is not { Transport: UploadTransportMode.Multipart, Aborted: false })
        {
            return ApiErrors.Validation(context, "query.uploadId", $"'{uploadId}' is not a live multipart upload session.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("file") is not { } part)
        {
            return ApiErrors.Validation(context, "body.file", "A file part named 'file' is required.", "required");
        }

        var purpose = form["purpose"].ToString() is { Length: > 0 } p ? p : session?.Purpose;
        if (!FileResponses.IsPurpose(purpose))
        {
            return ApiErrors.Validation(context, "body.purpose", "purpose must be 'run-input' or 'builder-attachment' when given.");
        }

        if (part.Length > FileStore.MaxFileSizeBytes)
        {
            return FileResponses.TooLarge(context, "body.file", part.Length);
        }

        using var buffer = new MemoryStream();
        await part.CopyToAsync(buffer, context.RequestAborted);
        var fileName = string.IsNullOrEmpty(part.FileName) ? session?.FileName ?? "file" : part.FileName;
        var contentType = string.IsNullOrEmpty(part.ContentType) ? "application/octet-stream" : part.ContentType;
        if (session is null)
        {
            var plain = FileFactory.Create(FileStore.NewId("file_"), fileName, contentType, buffer.ToArray(), time.GetUtcNow(), purpose);
            files.Add(plain);
            counters.FileCreated();
            return FileResponses.Ok(plain);
        }

        lock (session.Gate)
        {
            if (session.File is { } existing)
            {
                return FileResponses.Ok(existing);
            }

            var file = FileFactory.Create(session.FileId, fileName, contentType, buffer.ToArray(), time.GetUtcNow(), purpose);
            files.Add(file);
            session.Complete(file);
            counters.FileCreated();
            return FileResponses.Ok(file);
        }
    }

    public static IResult Get(HttpContext context, string id, FileStore files) =>
        files.Find(id) is { } file ? FileResponses.Ok(file) : FileResponses.FileNotFound(context, id);

    /// <summary>Deletes the file; runs that used it keep their own copy (§5.7).</summary>
    public static IResult Delete(HttpContext context, string id, FileStore files) =>
        files.Delete(id)
            ? TypedResults.Json(new DeleteFileResponse(true), SimulatorJson.Options)
            : FileResponses.FileNotFound(context, id);

    /// <summary>Streams the bytes through the API, as a deployment without direct storage does (§5.8).</summary>
    public static IResult Content(HttpContext context, string id, FileStore files) =>
        files.Find(id) is { } file
            ? Results.File(file.Content, file.ContentType, file.FileName)
            : FileResponses.FileNotFound(context, id);
}
