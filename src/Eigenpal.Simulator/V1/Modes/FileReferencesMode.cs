using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>Where a run start may carry <c>$fileId</c>/<c>$inline</c> references; the SDK sends them inside <c>input</c>, the OpenAPI document in the <c>files</c> map.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileReferencesMode>))]
public enum FileReferencesMode
{
    /// <summary>Inside <c>input</c> (as a top-level input value) and in the <c>files</c> map.</summary>
    Both,

    /// <summary>Inside <c>input</c> only; a <c>files</c> map is a 400 on field <c>body.files</c>.</summary>
    InputOnly,

    /// <summary>In the <c>files</c> map only; a reference inside <c>input</c> is a 400 on its field.</summary>
    FilesMapOnly,
}
