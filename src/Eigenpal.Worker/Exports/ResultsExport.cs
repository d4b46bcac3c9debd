using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Eigenpal.Submissions.Queries;

namespace Eigenpal.Worker.Exports;

/// <summary>
/// A batch's outcomes, one line per submission, as JSONL or CSV: the one writer behind <c>eigenpal results</c>
/// and the dashboard's export links, so that a file saved from the browser is byte for byte the command's.
/// </summary>
public static class ResultsExport
{
    /// <summary>The exported fields, in CSV column order (JSONL uses the same names).</summary>
    public static readonly IReadOnlyList<string> Columns = ["submission_id", "source", "file", "status", "execution_id", "result", "error"];

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>The format for a file name or format name: CSV for <c>.csv</c>/<c>csv</c>, JSONL for <c>.jsonl</c>/<c>jsonl</c>; null otherwise.</summary>
    public static ResultsFormat? FormatOf(string nameOrExtension)
    {
        ArgumentNullException.ThrowIfNull(nameOrExtension);
        var extension = nameOrExtension.Contains('.', StringComparison.Ordinal) ? Path.GetExtension(nameOrExtension) : "." + nameOrExtension;
        return extension.ToUpperInvariant() switch
        {
            ".CSV" => ResultsFormat.Csv,
            ".JSONL" => ResultsFormat.JsonLines,
            _ => null,
        };
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="stream"/> (left open) in <paramref name="format"/>; returns how many rows.</summary>
    public static Task<int> WriteAsync(Stream stream, ResultsFormat format, IAsyncEnumerable<SubmissionResult> rows, CancellationToken cancellationToken) =>
        format == ResultsFormat.Csv ? WriteCsvAsync(stream, rows, cancellationToken) : WriteJsonLinesAsync(stream, rows, cancellationToken);

    /// <summary>One JSON object a line, the result as JSON (not text); UTF-8 without a byte order mark, <c>\n</c> line ends.</summary>
    public static async Task<int> WriteJsonLinesAsync(Stream stream, IAsyncEnumerable<SubmissionResult> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\n" };
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var line = new JsonObject
            {
                ["submission_id"] = row.Id.ToString(),
                ["source"] = row.SourceName,
                ["file"] = row.FileName,
                ["status"] = row.State,
                ["execution_id"] = row.RemoteId,
                ["result"] = row.ResultJson is null ? null : JsonNode.Parse(row.ResultJson),
                ["error"] = row.Error,
            };
            await writer.WriteLineAsync(line.ToJsonString(Compact).AsMemory(), cancellationToken);
            count++;
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>A header row of <see cref="Columns"/>, then one record a submission, the result as JSON text in its column.</summary>
    public static async Task<int> WriteCsvAsync(Stream stream, IAsyncEnumerable<SubmissionResult> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(stream, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var field in new[] { row.Id.ToString(), row.SourceName, row.FileName, row.State, row.RemoteId, row.ResultJson, row.Error })
            {
                csv.WriteField(field);
            }

            await csv.EndRecordAsync(cancellationToken);
            count++;
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }
}

/// <summary>The two export formats of <see cref="ResultsExport"/>.</summary>
public enum ResultsFormat
{
    /// <summary>One JSON object a line (<c>.jsonl</c>).</summary>
    JsonLines,

    /// <summary>Comma-separated values with a header row (<c>.csv</c>).</summary>
    Csv,
}
