using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.Options;

/// <summary>
/// How <c>triggerInput</c> in execution list items shows a file uploaded as a multipart part.
/// The SDK does not say; each value is a shape a real server could plausibly choose.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileEchoMode>))]
public enum FileEchoMode
{
    /// <summary><c>{"fileName", "contentType", "sizeBytes", "sha256"}</c>: enough to match a file by its content hash.</summary>
    Full,

    /// <summary><c>{"filename", "size"}</c>, spelled as an independent server might (lower-case <c>filename</c>, key <c>size</c>).</summary>
    NameAndSize,

    /// <summary><c>{"filename"}</c> only.</summary>
    NameOnly,

    /// <summary>An opaque string such as <c>"files/8f2c…"</c>, different per execution, revealing nothing about the content.</summary>
    StorageReference,

    /// <summary>List items carry no <c>triggerInput</c> key at all (the reference makes it optional).</summary>
    None,
}
