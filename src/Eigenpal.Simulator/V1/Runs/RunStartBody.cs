using System.Text.Json;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// A start body once read, in either form (§4.1): the target, the <c>input</c> values in the
/// order sent (file references still unresolved), the <c>files</c> map (JSON only), the file parts
/// (<c>files.&lt;name&gt;</c>, multipart only), and the metadata and overrides objects.
/// </summary>
internal sealed record RunStartBody(
    string? Target,
    IReadOnlyList<KeyValuePair<string, JsonElement>> Input,
    JsonElement? FilesMap,
    IReadOnlyDictionary<string, InputFile> Parts,
    JsonElement? Metadata,
    JsonElement? Overrides);
