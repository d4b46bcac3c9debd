using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>
/// Reads a JSONL manifest: one JSON object per line, keys as in <see cref="ManifestColumns"/>. Scalar
/// inputs keep their JSON type; file, key and name must be strings. Blank lines are skipped; a bad
/// line is reported by its number and the others carry on.
/// </summary>
internal static class JsonLinesManifest
{
    public static async IAsyncEnumerable<InputItem> ReadAsync(
        string path, SubmissionTemplate template, string? keyFrom, [EnumeratorCancellation] CancellationToken ct)
    {
        var label = Path.GetFileName(path);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(path, ct))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{label} line {number}";
            JsonNode? node = null;
            string? parseError = null;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException ex)
            {
                parseError = $"not valid JSON ({ex.Message.Split('.')[0]})";
            }

            if (parseError is not null)
            {
                yield return InputItem.Rejected(new InputProblem(where, null, parseError));
                continue;
            }

            if (node is not JsonObject row)
            {
                yield return InputItem.Rejected(new InputProblem(where, null, "not a JSON object"));
                continue;
            }

            var problems = new List<InputProblem>();
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            var inputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var (column, value) in row)
            {
                if (!ManifestColumns.IsKnown(column))
                {
                    problems.Add(new InputProblem(where, column, $"unknown column '{column}' ({ManifestColumns.Help})"));
                }
                else if (column.StartsWith(ManifestColumns.InputPrefix, StringComparison.Ordinal))
                {
                    inputs[column[ManifestColumns.InputPrefix.Length..]] = value;
                }
                else if (value is JsonValue text && text.TryGetValue<string>(out var s))
                {
                    if (!string.IsNullOrEmpty(s))
                    {
                        texts[column] = s;
                    }
                }
                else if (value is not null)
                {
                    problems.Add(new InputProblem(where, column, "must be a string"));
                }
            }

            yield return problems.Count > 0
                ? new InputItem(null, problems)
                : await ManifestRow.ToSubmissionAsync(where, texts, inputs, baseDirectory, template, keyFrom, ct);
        }
    }
}
