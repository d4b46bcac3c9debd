namespace Eigenpal.Api.V1;

/// <summary>
/// Where a start request puts its <see cref="FileReference"/> inputs. The reference leaves this open: the
/// official SDK sends them inside <c>input</c>, the service's OpenAPI document describes a <c>files</c> map.
/// </summary>
public enum FileReferencePlacement
{
    /// <summary>Inside <c>input</c>, under the input's name, as the official SDK sends them (the default).</summary>
    Input,

    /// <summary>In the <c>files</c> map, under the input's name, as the service's OpenAPI document describes.</summary>
    FilesMap,
}
