using System.ComponentModel;
using System.Globalization;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal status</c>: counts per state, the oldest unfinished submissions and the top failure reasons.</summary>
internal sealed class StatusCommand(CliServices services) : AsyncCommand<StatusCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-b|--batch <ID>")]
        [Description("A batch id or batch name.")]
        public string? Batch { get; init; }

        [CommandOption("-w|--workflow <WORKFLOW>")]
        [Description("Only this workflow.")]
        public string? Workflow { get; init; }

        [CommandOption("--watch")]
        [Description("Refresh every few seconds until Ctrl+C.")]
        public bool Watch { get; init; }

        [CommandOption("--interval <DURATION>")]
        [Description("How often --watch refreshes (default 2s).")]
        [DefaultValue("2s")]
        public string Interval { get; init; } = "2s";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        if (!DurationText.TryParse(settings.Interval, out var interval))
        {
            throw new UsageException($"--interval '{settings.Interval}' is not a duration such as 2s.");
        }

        if (settings.Batch is { } batch && !await services.Queries.BatchExistsAsync(batch, cancellationToken))
        {
            throw new UsageException($"No batch with id or name '{batch}'.");
        }

        var filter = new SubmissionFilter(settings.Batch, settings.Workflow);
        if (!settings.Watch)
        {
            services.Console.Write(await RenderAsync(filter, cancellationToken));
            return ExitCodes.Success;
        }

        if (!services.IsInteractive)
        {
            while (true)
            {
                services.Console.Write(await RenderAsync(filter, cancellationToken));
                await Task.Delay(interval, services.Time, cancellationToken);
            }
        }

        await services.Console.Live(await RenderAsync(filter, cancellationToken)).StartAsync(async live =>
        {
            while (true)
            {
                await Task.Delay(interval, services.Time, cancellationToken);
                live.UpdateTarget(await RenderAsync(filter, cancellationToken));
            }
        });
        return ExitCodes.Success;
    }

    private async Task<Rows> RenderAsync(SubmissionFilter filter, CancellationToken ct)
    {
        var counts = await services.Queries.CountByStateAsync(filter, ct);
        var oldest = await services.Queries.OldestUnfinishedAsync(filter, 5, ct);
        var reasons = await services.Queries.TopFailureReasonsAsync(filter, 5, ct);
        var undecided = await services.Queries.AwaitingDecisionAsync(filter, 10, ct);
        var now = services.Time.GetUtcNow();

        var states = new Table().Title("Submissions per state").AddColumns("State", "Count");
        foreach (var state in SubmissionStates.AllNames)
        {
            states.AddRow(state, counts.GetValueOrDefault(state).ToString(CultureInfo.InvariantCulture));
        }

        states.AddRow("[bold]total[/]", $"[bold]{counts.Values.Sum()}[/]");
        var waiting = new Table().Title("Oldest unfinished").AddColumns("Submission", "Source", "State", "Waiting");
        foreach (var s in oldest)
        {
            waiting.AddRow(s.Id.ToString(), Markup.Escape(s.SourceName ?? ""), s.State, DurationText.Format(now - s.CreatedAt));
        }

        var failures = new Table().Title("Top failure reasons").AddColumns("State", "Reason", "Count");
        foreach (var r in reasons)
        {
            failures.AddRow(r.State, Markup.Escape(r.Reason), r.Count.ToString(CultureInfo.InvariantCulture));
        }

        var decisions = new Table().Title("Awaiting a decision (undetermined: settle with eigenpal resolve ID --execution EXEC_ID | --not-sent)")
            .AddColumns("Submission", "Source", "Attempt", "Candidates", "Since");
        foreach (var u in undecided)
        {
            decisions.AddRow(u.Id.ToString(), Markup.Escape(u.SourceName ?? ""), u.Attempt.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(u.Candidates.Count == 0 ? "(none named)" : string.Join(", ", u.Candidates)), DurationText.Format(now - u.Since));
        }

        var rows = new List<Spectre.Console.Rendering.IRenderable>
        {
            states, oldest.Count > 0 ? waiting : new Markup("[green]Nothing is waiting.[/]"),
            undecided.Count > 0 ? decisions : new Markup("[green]No submission awaits a decision.[/]"),
            reasons.Count > 0 ? failures : new Markup("No failures."),
        };
        // Whether the refused submissions carried files is not known here, so the hint names both ways.
        rows.AddRange(RequiredInputHint.For(reasons.Select(r => r.Reason), sentFiles: null)
            .Select(hint => new Markup($"[yellow]Hint:[/] {Markup.Escape(hint)}")));
        return new Rows(rows);
    }
}
