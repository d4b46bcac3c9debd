using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Contracts;

/// <summary>File (§5.9).</summary>
internal sealed record FileResponse(
    string Id,
    string Filename,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContentType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Size,
    string CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Purpose);

/// <summary>PresignedFileUploadSession (§5.1).</summary>
internal sealed record PresignedUploadResponse(
    string Transport,
    string UploadId,
    string FileId,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    string ExpiresAt,
    long MaxFileSizeBytes);

/// <summary>MultipartFileUploadFallback (§5.1).</summary>
internal sealed record MultipartUploadResponse(string Transport, string Url, long MaxFileSizeBytes);

/// <summary>The answer to an upload abort (§5.4).</summary>
internal sealed record AbortUploadResponse(bool Aborted);

/// <summary>The answer to a file delete (§5.7).</summary>
internal sealed record DeleteFileResponse(bool Deleted);
