namespace Eigenpal.Api.V1;

/// <summary>
/// A file to upload with <see cref="FilesClient.UploadAsync"/>. The <see cref="IdempotencyKey"/> is the caller's:
/// the same key for the same bytes lets a retried upload (after a lost answer) find the file the first one made,
/// where the server honours keys (the reference does not say that it does).
/// </summary>
/// <param name="Content">The bytes.</param>
/// <param name="FileName">The file name (<c>filename</c>).</param>
/// <param name="ContentType">The content type (<c>contentType</c>).</param>
/// <param name="IdempotencyKey">The key sent with the negotiation (<c>idempotencyKey</c>); required, never generated here.</param>
/// <param name="Purpose"><c>run-input</c> (a temporary file removed after 24 h) or <see langword="null"/> for a durable file.</param>
public sealed record FileUpload(ReadOnlyMemory<byte> Content, string FileName, string ContentType, string IdempotencyKey, string? Purpose = null)
{
    /// <summary>The <see cref="Purpose"/> of a file kept only for run starts (removed by the server after 24 h).</summary>
    public const string RunInputPurpose = "run-input";

    /// <summary>Describes the upload without its bytes.</summary>
    public override string ToString() => $"FileUpload {{ FileName = {FileName}, ContentType = {ContentType}, Size = {Content.Length}, IdempotencyKey = {IdempotencyKey}, Purpose = {Purpose} }}";
}
