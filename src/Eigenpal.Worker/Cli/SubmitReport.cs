using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Submissions;
using Eigenpal.Worker.Cli.Infrastructure;
using Eigenpal.Worker.Cli.Inputs;
using Spectre.Console;

namespace Eigenpal.Worker.Cli;

/// <summary>What one <c>eigenpal submit</c> did, printed as text or as one JSON object.</summary>
internal sealed class SubmitReport(string workflow, string? batchName)
{
    private readonly HashSet<Guid> _ids = [];
    private bool _printed;

    public Guid? BatchId { get; private set; }

    public int New { get; private set; }

    public int AlreadySubmitted { get; private set; }

    public IReadOnlyCollection<Guid> SubmissionIds => _ids;

    public List<InputProblem> Problems { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>What to change when the batch's refusals say so (<see cref="RequiredInputHint"/>).</summary>
    public List<string> Hints { get; } = [];

    public IReadOnlyDictionary<string, long>? Counts { get; set; }

    public void Add(RecordedBatch batch)
    {
        BatchId = batch.BatchId;
        foreach (var submission in batch.Submissions)
        {
            if (_ids.Add(submission.Id))
            {
                _ = submission.Created ? New++ : AlreadySubmitted++;
            }
        }
    }

    public void PrintRecorded(IAnsiConsole console)
    {
        _printed = true;
        if (BatchId is { } id)
        {
            console.MarkupLine($"Batch [bold]{id}[/]{(batchName is null ? "" : $" ({Markup.Escape(batchName)})")}: " +
                $"[green]{New} new[/], {AlreadySubmitted} already submitted.");
        }
        else
        {
            console.MarkupLine("[yellow]Nothing was recorded.[/]");
        }

        if (Problems.Count > 0)
        {
            var table = new Table().Title($"[red]{Problems.Count} problem(s): not recorded[/]").AddColumns("Where", "Field", "Problem");
            foreach (var problem in Problems)
            {
                table.AddRow(Markup.Escape(problem.Where), Markup.Escape(problem.Field ?? ""), Markup.Escape(problem.Message));
            }

            console.Write(table);
        }
    }

    public int Finish(CliServices services, int exitCode, bool json)
    {
        if (json)
        {
            services.Out.WriteLine(ToJson(exitCode).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return exitCode;
        }

        if (!_printed)
        {
            PrintRecorded(services.Console);
        }

        foreach (var warning in Warnings.Where(w => w.StartsWith("Stopped", StringComparison.Ordinal)))
        {
            services.Console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(warning)}");
        }

        if (Counts is not null)
        {
            var table = new Table().Title("Batch summary").AddColumns("State", "Submissions");
            foreach (var state in SubmissionStates.AllNames.Where(Counts.ContainsKey))
            {
                table.AddRow(state, Counts[state].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            services.Console.Write(table);
        }

        foreach (var hint in Hints)
        {
            services.Console.MarkupLine($"[yellow]Hint:[/] {Markup.Escape(hint)}");
        }

        services.Console.MarkupLine(exitCode switch
        {
            ExitCodes.Success => "[green]Done.[/]",
            ExitCodes.NotAllCompleted => $"[yellow]Some submissions did not complete[/] (exit code {exitCode}): see 'eigenpal list --batch {BatchId} --status failed,rejected,error,cancelled'.",
            ExitCodes.StillRunning => $"[yellow]Stopped waiting; submissions are still in progress[/] (exit code {exitCode}): follow them with 'eigenpal status --batch {BatchId} --watch'.",
            _ => $"[red]Finished with problems[/] (exit code {exitCode}).",
        });
        return exitCode;
    }

    private JsonObject ToJson(int exitCode)
    {
        var problems = new JsonArray();
        foreach (var p in Problems)
        {
            problems.Add(new JsonObject { ["where"] = p.Where, ["field"] = p.Field, ["message"] = p.Message });
        }

        var json = new JsonObject
        {
            ["batchId"] = BatchId?.ToString(),
            ["batchName"] = batchName,
            ["workflow"] = workflow,
            ["new"] = New,
            ["alreadySubmitted"] = AlreadySubmitted,
            ["problems"] = problems,
            ["warnings"] = new JsonArray([.. Warnings.Select(w => (JsonNode?)w)]),
            ["hints"] = new JsonArray([.. Hints.Select(h => (JsonNode?)h)]),
            ["exitCode"] = exitCode,
        };
        if (Counts is not null)
        {
            json["counts"] = new JsonObject(Counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
        }

        return json;
    }
}
