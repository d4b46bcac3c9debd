using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>
/// Reads a CSV manifest: a header row naming the columns (see <see cref="ManifestColumns"/>), then one
/// submission per row. Rows are numbered as in the file, the header being row 1. A row with the wrong
/// number of fields or a bad value is reported and the others carry on; an unknown column in the
/// header rejects the whole manifest, since every row would be misread.
/// </summary>
internal static class CsvManifest
{
    public static async IAsyncEnumerable<InputItem> ReadAsync(
        string path, SubmissionTemplate template, string? keyFrom, [EnumeratorCancellation] CancellationToken ct)
    {
        var label = Path.GetFileName(path);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var options = new CsvReaderOptions { Separator = ',', TrackLineNumbers = true, SkipEmptyLines = true };
        await using var csv = CsvReader.FromFile(path, options);
        await csv.ReadHeaderAsync(ct);
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        if (header.Length == 0)
        {
            yield return InputItem.Rejected(new InputProblem(label, null, "the manifest is empty: the first row must name the columns"));
            yield break;
        }

        var unknown = header.Where(c => !ManifestColumns.IsKnown(c)).ToList();
        var duplicate = header.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (unknown.Count > 0 || duplicate.Count > 0)
        {
            yield return new InputItem(null, [
                .. unknown.Select(c => new InputProblem($"{label} row 1", c, $"unknown column '{c}' ({ManifestColumns.Help})")),
                .. duplicate.Select(c => new InputProblem($"{label} row 1", c, $"column '{c}' appears more than once")),
            ]);
            yield break;
        }

        while (await csv.ReadAsync(ct))
        {
            var where = $"{label} row {csv.LineNumber}";
            if (csv.FieldCount != header.Length)
            {
                yield return InputItem.Rejected(new InputProblem(where, null, $"has {csv.FieldCount} fields, the header has {header.Length}"));
                continue;
            }

            var record = new string[header.Length];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = csv.GetString(i);
            }

            yield return await ReadRowAsync(where, header, record, baseDirectory, template, keyFrom, ct);
        }
    }

    private static async Task<InputItem> ReadRowAsync(
        string where, string[] header, string[] record, string baseDirectory, SubmissionTemplate template, string? keyFrom, CancellationToken ct)
    {
        var problems = new List<InputProblem>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var column = header[i];
            var cell = record[i];
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue;
            }

            if (!column.StartsWith(ManifestColumns.InputPrefix, StringComparison.Ordinal))
            {
                texts[column] = cell.Trim();
            }
            else if (ScalarValue.TryParse(cell, template.TypesOf(column[ManifestColumns.InputPrefix.Length..]), out var value, out var error))
            {
                inputs[column[ManifestColumns.InputPrefix.Length..]] = value;
            }
            else
            {
                problems.Add(new InputProblem(where, column, error ?? "not a valid value"));
            }
        }

        return problems.Count > 0
            ? new InputItem(null, problems)
            : await ManifestRow.ToSubmissionAsync(where, texts, inputs, baseDirectory, template, keyFrom, ct);
    }
}
