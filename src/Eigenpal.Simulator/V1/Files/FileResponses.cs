using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.V1.Contracts;

namespace Eigenpal.Simulator.V1.Files;

/// <summary>Maps files to their wire shape, and the file-related errors.</summary>
internal static class FileResponses
{
    public static FileResponse File(StoredFile f) =>
        new(f.Id, f.FileName, f.ContentType, f.Content.LongLength, WireTime.Format(f.CreatedAt), f.Purpose);

    public static IResult Ok(StoredFile f) => TypedResults.Json(File(f), SimulatorJson.Options);

    public static IResult FileNotFound(HttpContext context, string id) =>
        ApiErrors.NotFound(context, "path.id", $"File '{id}' was not found.");

    public static IResult UploadNotFound(HttpContext context, string id) =>
        ApiErrors.NotFound(context, "path.uploadId", $"Upload '{id}' was not found.");

    public static IResult TooLarge(HttpContext context, string field, long size) =>
        ApiErrors.Error(context, StatusCodes.Status413PayloadTooLarge, field, $"{size} bytes is above the limit of {FileStore.MaxFileSizeBytes} bytes per file.", "file_too_large");

    /// <summary>The purposes a file may carry; null is a durable file.</summary>
    public static bool IsPurpose(string? purpose) => purpose is null or "run-input" or "builder-attachment";
}
