using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal results</c>: exports a batch's outcomes, one line per submission, as JSONL or CSV.</summary>
internal sealed class ResultsCommand(CliServices services) : AsyncCommand<ResultsCommand.Settings>
{
    /// <summary>The exported fields, in CSV column order (JSONL uses the same names).</summary>
    public static readonly string[] Columns = ["submission_id", "source", "file", "status", "execution_id", "result", "error"];

    public sealed class Settings : CommandSettings
    {
        [CommandOption("-b|--batch <ID>")]
        [Description("The batch id or name.")]
        public string Batch { get; init; } = "";

        [CommandOption("-o|--out <FILE>")]
        [Description("Where to write: a .jsonl file (result as JSON) or a .csv file (result as JSON text in one column).")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Batch) ? ValidationResult.Error("--batch ID is required.")
            : Path.GetExtension(Out).ToUpperInvariant() is not (".JSONL" or ".CSV") ? ValidationResult.Error("--out must end in .jsonl or .csv.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        if (!await services.Queries.BatchExistsAsync(settings.Batch, cancellationToken))
        {
            throw new UsageException($"No batch with id or name '{settings.Batch}'.");
        }

        var rows = services.Queries.ResultsAsync(settings.Batch, cancellationToken);
        var directory = Path.GetDirectoryName(Path.GetFullPath(settings.Out));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var count = Path.GetExtension(settings.Out).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? await WriteCsvAsync(settings.Out, rows, cancellationToken)
            : await WriteJsonLinesAsync(settings.Out, rows, cancellationToken);
        services.Console.MarkupLine($"Wrote {count} result(s) to [bold]{Markup.Escape(settings.Out)}[/].");
        return ExitCodes.Success;
    }

    private static async Task<int> WriteJsonLinesAsync(string path, IAsyncEnumerable<SubmissionResult> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path);
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
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
            await writer.WriteLineAsync(line.ToJsonString(new JsonSerializerOptions { WriteIndented = false }).AsMemory(), ct);
            count++;
        }

        return count;
    }

    private static async Task<int> WriteCsvAsync(string path, IAsyncEnumerable<SubmissionResult> rows, CancellationToken ct)
    {
        await using var stream = File.Create(path);
        await using var csv = CsvWriter.Create(stream);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(ct);
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var field in new[] { row.Id.ToString(), row.SourceName, row.FileName, row.State, row.RemoteId, row.ResultJson, row.Error })
            {
                csv.WriteField(field);
            }

            await csv.EndRecordAsync(ct);
            count++;
        }

        await csv.FlushAsync(ct);
        return count;
    }
}
