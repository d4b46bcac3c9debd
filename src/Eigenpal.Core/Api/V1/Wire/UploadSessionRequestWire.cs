namespace Eigenpal.Api.V1.Wire;

/// <summary>The body of an upload negotiation: <c>{filename, contentType, size, idempotencyKey, purpose?}</c>.</summary>
internal sealed record UploadSessionRequestWire(
    [property: System.Text.Json.Serialization.JsonPropertyName("filename")] string FileName,
    string ContentType,
    long Size,
    string IdempotencyKey,
    string? Purpose);
