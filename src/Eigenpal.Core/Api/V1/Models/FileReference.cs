using System.Text.Json.Serialization;

namespace Eigenpal.Api.V1;

/// <summary>
/// A run input that points at a file uploaded beforehand (<see cref="FilesClient.UploadAsync"/>), sent as
/// <c>{"$fileId": "file_…"}</c>. Put it among <see cref="RunStartRequest.Input"/>'s values; where it travels
/// (inside <c>input</c> or in the <c>files</c> map) is <see cref="RunStartRequest.FileReferencesIn"/>'s choice.
/// </summary>
/// <param name="FileId">The id of the uploaded file, e.g. <c>file_123</c>.</param>
public sealed record FileReference([property: JsonPropertyName("$fileId")] string FileId);
