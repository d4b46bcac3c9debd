using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Imports;
using Eigenpal.Surfaces;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;

namespace Eigenpal.Worker.Cli.Import;

/// <summary>What one <c>eigenpal import</c> did, printed as text or as one JSON object.</summary>
internal static class ImportOutput
{
    // A long list of runs that cannot be reprocessed is cut in the text output; --json lists them all.
    private const int RunsShown = 20;

    /// <summary>Prints the report and returns the exit code: 0 when the window was imported whole, 4 when the API left some of it undone.</summary>
    public static int Finish(CliServices services, ImportSettings settings, ImportReport report)
    {
        var code = report.Complete ? ExitCodes.Success : ExitCodes.ApiUnavailable;
        if (settings.Json)
        {
            services.Out.WriteLine(ToJson(settings, report, code).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return code;
        }

        var console = services.Console;
        var notReprocessable = report.NotReprocessableRuns;
        console.MarkupLine(
            $"{report.Listed} run(s) of [bold]{Markup.Escape(settings.Workflow)}[/] created since {Time(report.From)} listed on the {report.Surface.Name()} surface: " +
            $"[green]{report.Imported} imported[/] ({report.Imported - notReprocessable.Count} reprocessable, {notReprocessable.Count} not), " +
            $"{report.AlreadyTracked} already tracked, {report.Skipped.Values.Sum()} skipped.");
        if (report.Skipped.Count > 0)
        {
            var skipped = new Table().Title("Skipped").AddColumns("Reason", "Runs");
            foreach (var (reason, count) in report.Skipped.OrderByDescending(s => s.Value))
            {
                skipped.AddRow(Markup.Escape(reason), count.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(skipped);
        }

        if (notReprocessable.Count > 0)
        {
            var runs = new Table().Title("Imported, not reprocessable").AddColumns("Execution", "Why");
            foreach (var run in notReprocessable.Take(RunsShown))
            {
                runs.AddRow(Markup.Escape(run.RemoteId), Markup.Escape(run.Reason));
            }

            console.Write(runs);
            if (notReprocessable.Count > RunsShown)
            {
                console.MarkupLine($"… and {notReprocessable.Count - RunsShown} more (--json lists them all).");
            }
        }

        if (report.Imported > 0)
        {
            console.MarkupLine($"Batch [bold]{Markup.Escape(report.Batch.Name)}[/] ({report.Batch.Id}): follow it with 'eigenpal status --batch {Markup.Escape(report.Batch.Name)}'.");
        }

        if (report.ListingProblem is { } problem)
        {
            console.MarkupLine($"[yellow]Warning:[/] the listing may have missed runs ({Markup.Escape(problem)}); run the import again to finish (importing twice adds nothing).");
        }

        if (report.Skipped.TryGetValue(SkipReasons.Unreadable, out var unreadable))
        {
            console.MarkupLine($"[yellow]Warning:[/] {unreadable} run(s) could not be read from the API; run the import again to adopt them.");
        }

        if (report.Skipped.ContainsKey(SkipReasons.MaybeUnreconciled))
        {
            console.MarkupLine("Runs that may be unreconciled attempts of the worker are left to its reconciliation; an import after it settles adopts those that are not.");
        }

        console.MarkupLine(code == ExitCodes.Success ? "[green]Done.[/]" : $"[yellow]Finished with part of the window undone[/] (exit code {code}).");
        return code;
    }

    /// <summary>The workflow check refused: said as text or as JSON, with exit code 4 as <c>submit</c> does.</summary>
    public static int Refused(CliServices services, ImportSettings settings, string problem)
    {
        if (settings.Json)
        {
            var json = new JsonObject { ["workflow"] = settings.Workflow, ["problems"] = new JsonArray(problem), ["exitCode"] = ExitCodes.ApiUnavailable };
            services.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            services.Console.MarkupLine($"[red]Error:[/] {Markup.Escape(problem)}.");
        }

        return ExitCodes.ApiUnavailable;
    }

    private static JsonObject ToJson(ImportSettings settings, ImportReport report, int code)
    {
        var notReprocessable = report.NotReprocessableRuns;
        var problems = new JsonArray();
        if (report.ListingProblem is { } problem)
        {
            problems.Add("the listing may have missed runs: " + problem);
        }

        return new JsonObject
        {
            ["workflow"] = settings.Workflow,
            ["surface"] = report.Surface.Name(),
            ["since"] = settings.Since,
            ["from"] = report.From.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = report.To.ToString("O", CultureInfo.InvariantCulture),
            ["statuses"] = new JsonArray([.. settings.Statuses.Select(s => (JsonNode?)Eigenpal.Api.ExecutionStatusExtensions.ToWireName(s))]),
            ["batchId"] = report.Imported > 0 ? report.Batch.Id.ToString() : null,
            ["batchName"] = report.Imported > 0 ? report.Batch.Name : null,
            ["listed"] = report.Listed,
            ["imported"] = report.Imported,
            ["reprocessable"] = report.Imported - notReprocessable.Count,
            ["notReprocessable"] = notReprocessable.Count,
            ["alreadyTracked"] = report.AlreadyTracked,
            ["skipped"] = new JsonObject(report.Skipped.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["notReprocessableRuns"] = new JsonArray([.. notReprocessable.Select(r => (JsonNode?)new JsonObject { ["executionId"] = r.RemoteId, ["reason"] = r.Reason })]),
            ["listCalls"] = report.ListCalls,
            ["problems"] = problems,
            ["exitCode"] = code,
        };
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
