namespace Eigenpal.Api.V1.Wire;

/// <summary>
/// The answer to an upload negotiation, either shape: <c>presigned-put</c> (uploadId, fileId, url, headers,
/// expiresAt, maxFileSizeBytes) or <c>multipart</c> (url, maxFileSizeBytes). Which keys must be present depends
/// on <see cref="Transport"/>, so they are all optional here and checked by <see cref="FilesClient"/>.
/// <c>expiresAt</c> stays text: nothing reads it, so an odd format must not fail an upload.
/// </summary>
internal sealed record UploadSessionWire(
    string Transport,
    string? Url = null,
    string? UploadId = null,
    string? FileId = null,
    Dictionary<string, string>? Headers = null,
    string? ExpiresAt = null,
    long? MaxFileSizeBytes = null)
{
    public const string PresignedPut = "presigned-put";
    public const string Multipart = "multipart";
}
