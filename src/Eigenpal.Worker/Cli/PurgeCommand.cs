using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Retention;
using Eigenpal.Worker.Cli.Infrastructure;
using Eigenpal.Worker.Cli.Inputs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// <c>eigenpal purge</c>: drops the stored file bytes of submissions that finished longer ago than <c>--older-than</c>
/// and that no reprocess run will take again, as the recurring job <c>purge-inputs</c> does; rows, hashes, sizes and
/// results stay. <c>--dry-run</c> counts what would go (per workflow and state) and writes nothing.
/// </summary>
internal sealed class PurgeCommand(CliServices services) : AsyncCommand<PurgeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--older-than <DURATION>")]
        [Description("Purge submissions that reached their final state longer ago than this (e.g. 30d, 12w); default Eigenpal:Retention:PurgeAfter (30d).")]
        public string? OlderThan { get; init; }

        [CommandOption("--dry-run")]
        [Description("Count what would be purged, per workflow and state, and change nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--json")]
        [Description("Print the report as JSON (no progress).")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            OlderThan is not null && !DurationText.TryParse(OlderThan, out _)
                ? ValidationResult.Error($"--older-than '{OlderThan}' is not a duration such as 30d or 12w.")
                : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        var purger = services.Purger;
        var olderThan = settings.OlderThan is { } text && DurationText.TryParse(text, out var asked) ? asked : purger.Options.PurgeAfter;
        var cutoff = purger.CutoffFor(olderThan);
        var report = settings.Json || settings.DryRun
            ? await purger.PurgeAsync(cutoff, settings.DryRun, progress: null, cancellationToken)
            : await WithProgressAsync(purger, cutoff, cancellationToken);

        if (settings.Json)
        {
            services.Out.WriteLine(ToJson(report, olderThan).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Print(report, olderThan);
        }

        return ExitCodes.Success;
    }

    /// <summary>A live bar over the submissions to look at when a person watches; a plain line every few seconds otherwise.</summary>
    private async Task<PurgeReport> WithProgressAsync(InputPurger purger, DateTimeOffset cutoff, CancellationToken ct)
    {
        var total = await purger.CountStoredBeforeAsync(cutoff, ct);
        if (services.IsInteractive)
        {
            return await services.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Purging stored inputs", maxValue: Math.Max(total, 1));
                    var report = await purger.PurgeAsync(cutoff, dryRun: false, new Progress<PurgeProgress>(p =>
                    {
                        task.Value = p.Scanned;
                        task.Description = $"Purged {p.Files} file(s), {ByteSize.Format(p.Bytes)}";
                    }), ct);
                    task.Value = task.MaxValue;
                    task.StopTask();
                    return report;
                });
        }

        var time = services.Time;
        var lastLine = time.GetTimestamp();
        services.Console.WriteLine($"Looking at {total} submission(s) with stored files finished before {Time(cutoff)} UTC.");
        return await purger.PurgeAsync(cutoff, dryRun: false, new SynchronousProgress(p =>
        {
            if (time.GetElapsedTime(lastLine) >= TimeSpan.FromSeconds(5))
            {
                services.Console.WriteLine($"{p.Scanned}/{total} looked at: {p.Files} file(s) of {p.Submissions} submission(s) purged, {ByteSize.Format(p.Bytes)} freed.");
                lastLine = time.GetTimestamp();
            }
        }), ct);
    }

    private void Print(PurgeReport report, TimeSpan olderThan)
    {
        var console = services.Console;
        var verb = report.DryRun ? "Would purge" : "Purged";
        console.MarkupLine($"{verb} the stored files of submissions finished more than {Markup.Escape(Describe(olderThan))} ago (before {Time(report.Cutoff)} UTC) " +
            "that no reprocess run will take again. Rows, hashes, sizes, file names and results stay.");
        console.Write(GroupTable(report.DryRun ? "Would be purged" : "Purged", report.Purged));
        if (report.Kept.Count > 0)
        {
            console.Write(GroupTable("Kept (not final, or failed and still retryable)", report.Kept));
        }

        if (report.ChangedMeanwhile > 0)
        {
            console.MarkupLine($"[yellow]{report.ChangedMeanwhile} submission(s) changed while being purged (reopened by a reprocess run, say) and kept their files.[/]");
        }

        console.MarkupLine(report.DryRun
            ? $"[bold]Dry run:[/] nothing was changed. {report.Submissions} submission(s), {report.Files} file(s), {ByteSize.Format(report.Bytes)} would be purged."
            : $"[bold]{report.Submissions}[/] submission(s), [bold]{report.Files}[/] file(s) purged, [bold]{ByteSize.Format(report.Bytes)}[/] freed.");
    }

    private static Table GroupTable(string title, IReadOnlyList<PurgeGroup> groups)
    {
        var table = new Table().Title(title).AddColumns("Workflow", "State", "Submissions", "Files", "Size");
        foreach (var g in groups)
        {
            table.AddRow(Markup.Escape(g.Workflow), g.State, Count(g.Submissions), Count(g.Files), ByteSize.Format(g.Bytes));
        }

        table.AddRow("[bold]total[/]", "", Count(groups.Sum(g => g.Submissions)), Count(groups.Sum(g => g.Files)), ByteSize.Format(groups.Sum(g => g.Bytes)));
        return table;
    }

    private static JsonObject ToJson(PurgeReport report, TimeSpan olderThan)
    {
        static JsonArray Groups(IReadOnlyList<PurgeGroup> groups) => [.. groups.Select(g => (JsonNode)new JsonObject
        {
            ["workflow"] = g.Workflow, ["state"] = g.State, ["submissions"] = g.Submissions, ["files"] = g.Files, ["bytes"] = g.Bytes,
        })];

        return new JsonObject
        {
            ["dryRun"] = report.DryRun,
            ["olderThan"] = olderThan.ToString("c", CultureInfo.InvariantCulture),
            ["cutoff"] = report.Cutoff.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["submissions"] = report.Submissions,
            ["files"] = report.Files,
            ["bytes"] = report.Bytes,
            ["purged"] = Groups(report.Purged),
            ["kept"] = Groups(report.Kept),
            ["changedMeanwhile"] = report.ChangedMeanwhile,
            ["exitCode"] = ExitCodes.Success,
        };
    }

    private static string Describe(TimeSpan span) => span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} day(s)")
        : span.ToString("c", CultureInfo.InvariantCulture);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reports on the purging thread: <see cref="Progress{T}"/> posts to the thread pool, and a plain line may come after the report.</summary>
    private sealed class SynchronousProgress(Action<PurgeProgress> report) : IProgress<PurgeProgress>
    {
        public void Report(PurgeProgress value) => report(value);
    }
}
