using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Imports;

/// <summary>
/// What an outside run's input, as the API shows it (legacy <c>triggerInput</c>, v1 <c>input.args</c>), gives
/// the worker to send again: its values that are not files, and — when the run cannot be sent again from
/// them — why. A file is never stored by the API in a form the worker can resend (legacy shows a name, a
/// size or a hash; v1 a run-scoped <c>{"$file": …}</c> path), so a run that had one is tracked but not
/// reprocessable. A value is a file when the workflow declares that input as a file, or when it is shaped
/// like a file echo; any other JSON value counts as a scalar input, as <c>submit --input</c> takes them.
/// </summary>
/// <param name="Values">The non-file inputs, stored as the submission's <c>input</c>.</param>
/// <param name="MissingReason">Why the run cannot be sent again (<c>submissions.inputs_missing</c>); null when it can.</param>
internal sealed record ImportedInput(JsonObject Values, string? MissingReason)
{
    private const string Prefix = "imported: ";

    // Keys that only a file echo carries: v1 stored references and the legacy echo shapes.
    private static readonly string[] FileEchoKeys = ["$file", "$fileId", "$inline", "fileName", "filename", "sha256"];

    /// <summary>Classifies <paramref name="shown"/>; <paramref name="declaredFiles"/> are the inputs the workflow declares as files.</summary>
    public static ImportedInput From(JsonElement? shown, IReadOnlyCollection<string> declaredFiles)
    {
        if (shown is not { ValueKind: JsonValueKind.Object } input)
        {
            return new ImportedInput([], Prefix + "the API did not show the input this run started with, so it cannot be sent again");
        }

        var values = new JsonObject();
        var files = new List<string>();
        foreach (var property in input.EnumerateObject())
        {
            if (declaredFiles.Contains(property.Name) || LooksLikeFile(property.Value))
            {
                files.Add(property.Name);
            }
            else
            {
                values[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return new ImportedInput(values, files.Count switch
        {
            0 => null,
            1 => $"{Prefix}input '{files[0]}' held a file the worker never stored",
            _ => $"{Prefix}inputs {string.Join(", ", files.Select(f => $"'{f}'"))} held files the worker never stored",
        });
    }

    private static bool LooksLikeFile(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && FileEchoKeys.Any(key => value.TryGetProperty(key, out _));
}
