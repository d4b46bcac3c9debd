using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>What a repeated <c>idempotencyKey</c> on upload negotiation does; the SDK does not say.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadIdempotencyMode>))]
public enum UploadIdempotencyMode
{
    /// <summary>The same session (and so the same file) comes back, whatever the other fields say.</summary>
    SameFile,

    /// <summary>Keys are ignored: every negotiation makes a new session and a new file.</summary>
    NewFile,

    /// <summary>As <see cref="SameFile"/> when filename, content type and size match; otherwise 409 on field <c>body.idempotencyKey</c>.</summary>
    ConflictOnMismatch,
}
