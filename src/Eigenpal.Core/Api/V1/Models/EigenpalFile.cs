using System.Text.Json.Serialization;

namespace Eigenpal.Api.V1;

/// <summary>An uploaded file (<c>File</c>), referenced from run inputs as <see cref="FileReference"/>.</summary>
/// <param name="Id">The file id, e.g. <c>file_123</c>.</param>
/// <param name="FileName">The file name (<c>filename</c>).</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="CreatedAt">When it was created (required by the reference, but tolerated when absent).</param>
/// <param name="Purpose"><c>run-input</c> or <c>builder-attachment</c> (temporary), or <see langword="null"/> for a durable file.</param>
public sealed record EigenpalFile(
    string Id,
    [property: JsonPropertyName("filename")] string FileName,
    string? ContentType = null,
    long? Size = null,
    DateTimeOffset? CreatedAt = null,
    string? Purpose = null)
{
    /// <summary>This file as a run input.</summary>
    public FileReference ToReference() => new(Id);
}
