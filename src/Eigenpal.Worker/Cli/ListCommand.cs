using System.ComponentModel;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal list</c>: submissions filtered by state, age, workflow and batch.</summary>
internal sealed class ListCommand(CliServices services) : AsyncCommand<ListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-s|--status <STATES>")]
        [Description("Comma-separated states: pending, sending, running, completed, failed, cancelled, rejected, error, undetermined, vanished.")]
        public string? Status { get; init; }

        [CommandOption("--since <DURATION>")]
        [Description("Only submissions changed within this long (e.g. 24h, 7d).")]
        public string? Since { get; init; }

        [CommandOption("-w|--workflow <WORKFLOW>")]
        [Description("Only this workflow.")]
        public string? Workflow { get; init; }

        [CommandOption("-b|--batch <ID>")]
        [Description("A batch id or batch name.")]
        public string? Batch { get; init; }

        [CommandOption("--full-ids")]
        [Description("Show whole submission ids instead of their last 8 hex digits (which show, cancel and resolve accept as they are).")]
        public bool FullIds { get; init; }

        [CommandOption("-n|--limit <N>")]
        [Description("The most rows shown (default 50).")]
        [DefaultValue(50)]
        public int Limit { get; init; } = 50;

        public override ValidationResult Validate()
        {
            var unknown = States.Where(s => !SubmissionStates.AllNames.Contains(s)).ToList();
            if (unknown.Count > 0)
            {
                return ValidationResult.Error($"--status: unknown state(s) {string.Join(", ", unknown)}; use {string.Join(", ", SubmissionStates.AllNames)}.");
            }

            if (Since is not null && !DurationText.TryParse(Since, out _))
            {
                return ValidationResult.Error($"--since '{Since}' is not a duration such as 24h or 7d.");
            }

            return Limit is < 1 or > 10_000 ? ValidationResult.Error("--limit must be between 1 and 10000.") : ValidationResult.Success();
        }

        public IReadOnlyList<string> States => (Status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        DateTimeOffset? since = settings.Since is not null && DurationText.TryParse(settings.Since, out var age) ? services.Time.GetUtcNow() - age : null;
        var rows = await services.Queries.ListAsync(new SubmissionListQuery
        {
            States = settings.States,
            Since = since,
            Filter = new SubmissionFilter(settings.Batch, settings.Workflow),
            Limit = settings.Limit,
        }, cancellationToken);

        // UUIDv7 ids start with their creation time, so a batch's ids share their start: the short id is the random end.
        var table = new Table().AddColumns("Id", "Source", "Workflow", "State", "Attempt", "Updated (UTC)", "Reason");
        foreach (var s in rows)
        {
            table.AddRow(settings.FullIds ? s.Id.ToString() : SubmissionIdFragment.ShortForm(s.Id), Markup.Escape(s.SourceName ?? ""), Markup.Escape(s.Workflow), s.State,
                s.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(s.Reason ?? ""));
        }

        services.Console.Write(table);
        foreach (var hint in RequiredInputHint.For(rows.Select(r => r.Reason), sentFiles: null))
        {
            services.Console.MarkupLine($"[yellow]Hint:[/] {Markup.Escape(hint)}");
        }

        services.Console.MarkupLine($"{rows.Count} submission(s){(rows.Count == settings.Limit ? $" (limited to {settings.Limit}; use --limit)" : "")}.");
        return ExitCodes.Success;
    }
}
