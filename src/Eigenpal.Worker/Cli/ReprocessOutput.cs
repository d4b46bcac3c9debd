using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Reprocessing;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;

namespace Eigenpal.Worker.Cli;

/// <summary>How <c>eigenpal reprocess</c> prints a run and the history of runs, as tables or as JSON.</summary>
internal static class ReprocessOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void PrintRun(CliServices services, ReprocessReport report, bool json, IReadOnlyDictionary<string, long>? counts)
    {
        if (json)
        {
            var node = ToJson(report);
            node["decisions"] = new JsonArray([.. report.Decisions.Select(d => (JsonNode?)new JsonObject
            {
                ["submissionId"] = d.SubmissionId.ToString(),
                ["source"] = d.SourceName,
                ["workflow"] = d.Workflow,
                ["attempt"] = d.Attempt,
                ["failedAt"] = d.FailedAt.ToString("O", CultureInfo.InvariantCulture),
                ["decision"] = d.Skip is { } skip ? "skip" : "resubmit",
                ["reason"] = d.Skip?.Name(),
                ["why"] = d.Why,
                ["error"] = d.Error,
            })]);
            if (counts is not null)
            {
                node["counts"] = new JsonObject(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
            }

            services.Out.WriteLine(node.ToJsonString(Indented));
            return;
        }

        if (report.DryRun && report.Decisions.Count > 0)
        {
            var table = new Table().Title("[bold]Dry run: nothing was written[/]")
                .AddColumns("Submission", "Source", "Workflow", "Attempt", "Failed (UTC)", "Decision", "Why");
            foreach (var d in report.Decisions)
            {
                table.AddRow(d.SubmissionId.ToString(), Markup.Escape(d.SourceName ?? ""), Markup.Escape(d.Workflow),
                    d.Attempt.ToString(CultureInfo.InvariantCulture), Utc(d.FailedAt),
                    d.Skip is { } skip ? $"[yellow]skip: {skip.Name()}[/]" : "[green]resubmit[/]", Markup.Escape(d.Why));
            }

            services.Console.Write(table);
        }

        var what = report.DryRun ? "Would resubmit" : $"Reprocess run {report.Id}: resubmitted";
        services.Console.MarkupLine($"{what} [bold]{report.Decisions.Count(d => d.Skip is null)}[/] " +
            $"of {report.Candidates} failed submission(s) looked at ({report.Qualified} qualified).");
        if (report.Skipped.Where(s => s.Value > 0).ToList() is { Count: > 0 } skipped)
        {
            services.Console.MarkupLine("Skipped: " + Markup.Escape(string.Join(", ", skipped.Select(s => $"{s.Key.Name()} {s.Value}"))) + ".");
        }

        if (report.Skipped.GetValueOrDefault(SkipReason.OverTheCap) > 0)
        {
            services.Console.MarkupLine("[yellow]Over the cap:[/] the rest waits for the next run (Eigenpal:Reprocess:CapPerRun).");
        }
    }

    public static void PrintHistory(CliServices services, IReadOnlyList<ReprocessReport> reports, bool json)
    {
        if (json)
        {
            services.Out.WriteLine(new JsonArray([.. reports.Select(r => (JsonNode?)ToJson(r))]).ToJsonString(Indented));
            return;
        }

        if (reports.Count == 0)
        {
            services.Console.MarkupLine("No reprocess run has been recorded yet.");
            return;
        }

        var table = new Table().AddColumns("Started (UTC)", "Trigger", "Ended", "Qualified", "Resubmitted", "Skipped", "Run");
        foreach (var r in reports)
        {
            var ended = r.Error is not null ? $"[red]failed: {Markup.Escape(r.Error)}[/]"
                : r.FinishedAt is { } at ? Utc(at) : "[yellow]not finished (running, or stopped half-way)[/]";
            table.AddRow(Utc(r.StartedAt), r.Trigger.Name(), ended, r.Qualified.ToString(CultureInfo.InvariantCulture),
                r.Resubmitted.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", r.Skipped.Where(s => s.Value > 0).Select(s => $"{s.Key.Name()} {s.Value}"))),
                r.Id.ToString());
        }

        services.Console.Write(table);
    }

    private static JsonObject ToJson(ReprocessReport report) => new()
    {
        ["id"] = report.DryRun ? null : report.Id.ToString(),
        ["dryRun"] = report.DryRun,
        ["trigger"] = report.Trigger.Name(),
        ["startedAt"] = report.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["finishedAt"] = report.FinishedAt?.ToString("O", CultureInfo.InvariantCulture),
        ["candidates"] = report.Candidates,
        ["qualified"] = report.Qualified,
        ["resubmitted"] = report.Resubmitted,
        ["skipped"] = new JsonObject(report.Skipped.Where(s => s.Value > 0).Select(s => KeyValuePair.Create(s.Key.Name(), (JsonNode?)s.Value))),
        ["selection"] = new JsonObject
        {
            ["workflow"] = report.Selection.Workflow,
            ["batch"] = report.Selection.Batch,
            ["since"] = report.Selection.Since?.ToString(),
            ["maxAttempts"] = report.Selection.MaxAttempts,
        },
        ["error"] = report.Error,
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
