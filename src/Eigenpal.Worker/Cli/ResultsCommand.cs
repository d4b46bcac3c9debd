using System.ComponentModel;
using Eigenpal.Worker.Cli.Infrastructure;
using Eigenpal.Worker.Exports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal results</c>: exports a batch's outcomes, one line per submission, as JSONL or CSV.</summary>
internal sealed class ResultsCommand(CliServices services) : AsyncCommand<ResultsCommand.Settings>
{
    /// <summary>The exported fields, in CSV column order (JSONL uses the same names).</summary>
    public static IReadOnlyList<string> Columns => ResultsExport.Columns;

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
            : ResultsExport.FormatOf(Out) is null ? ValidationResult.Error("--out must end in .jsonl or .csv.")
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

        int count;
        await using (var file = File.Create(settings.Out))
        {
            count = await ResultsExport.WriteAsync(file, ResultsExport.FormatOf(settings.Out) ?? ResultsFormat.JsonLines, rows, cancellationToken);
        }

        services.Console.MarkupLine($"Wrote {count} result(s) to [bold]{Markup.Escape(settings.Out)}[/].");
        return ExitCodes.Success;
    }
}
