using System.ComponentModel;
using System.Text.Json.Nodes;
using Eigenpal.Reprocessing;
using Eigenpal.Submissions;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// <c>eigenpal reprocess</c>: the nightly job's selection, now. Failed submissions that qualify go back
/// to pending and the worker sends their next attempt; <c>--dry-run</c> shows every decision and writes
/// nothing; <c>--history</c> shows the reports of past runs.
/// </summary>
internal sealed class ReprocessCommand(CliServices services) : AsyncCommand<ReprocessCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--since <DURATION>")]
        [Description("Only failures that ended within this long (e.g. 24h, 7d).")]
        public string? Since { get; init; }

        [CommandOption("-w|--workflow <WORKFLOW>")]
        [Description("Only this workflow.")]
        public string? Workflow { get; init; }

        [CommandOption("-b|--batch <ID>")]
        [Description("A batch id or batch name.")]
        public string? Batch { get; init; }

        [CommandOption("--max-attempts <N>")]
        [Description("Resubmit only submissions with fewer attempts than this (default: Eigenpal:Reprocess:MaxAttempts, per workflow).")]
        public int? MaxAttempts { get; init; }

        [CommandOption("--dry-run")]
        [Description("List what would be resubmitted and why each other candidate is skipped; write nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--wait")]
        [Description("Show progress until the new attempts end.")]
        public bool Wait { get; init; }

        [CommandOption("--timeout <DURATION>")]
        [Description("With --wait: stop waiting after this long (the attempts carry on).")]
        public string? Timeout { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON object instead of tables.")]
        public bool Json { get; init; }

        [CommandOption("--history")]
        [Description("Show the reports of past runs instead of running one.")]
        public bool History { get; init; }

        [CommandOption("--last <N>")]
        [Description("With --history: how many runs (default 10).")]
        [DefaultValue(10)]
        public int Last { get; init; } = 10;

        public override ValidationResult Validate()
        {
            if (Since is not null && !DurationText.TryParse(Since, out _))
            {
                return ValidationResult.Error($"--since '{Since}' is not a duration such as 24h or 7d.");
            }

            if (Timeout is not null && !DurationText.TryParse(Timeout, out _))
            {
                return ValidationResult.Error($"--timeout '{Timeout}' is not a duration such as 30m or 2h.");
            }

            if (MaxAttempts is < 1 or > 100)
            {
                return ValidationResult.Error("--max-attempts must be between 1 and 100.");
            }

            if (Last is < 1 or > 1000)
            {
                return ValidationResult.Error("--last must be between 1 and 1000.");
            }

            if (History && (DryRun || Wait || Since is not null || Workflow is not null || Batch is not null || MaxAttempts is not null))
            {
                return ValidationResult.Error("--history shows past runs: it takes only --last and --json.");
            }

            return DryRun && Wait ? ValidationResult.Error("--dry-run resubmits nothing, so there is nothing to --wait for.") : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        if (settings.History)
        {
            var reports = await services.Reprocessing.HistoryAsync(settings.Last, cancellationToken);
            ReprocessOutput.PrintHistory(services, reports, settings.Json);
            return ExitCodes.Success;
        }

        if (settings.Batch is not null && !await services.Queries.BatchExistsAsync(settings.Batch, cancellationToken))
        {
            throw new UsageException($"--batch '{settings.Batch}': no batch has this id or name.");
        }

        var selection = new ReprocessSelection(
            settings.Workflow, settings.Batch,
            settings.Since is not null && DurationText.TryParse(settings.Since, out var since) ? since : null,
            settings.MaxAttempts);
        var report = await services.Reprocessing.RunAsync(new ReprocessRequest(ReprocessTrigger.Command, selection, settings.DryRun), ct: cancellationToken);
        var resubmitted = report.Decisions.Where(d => d.Skip is null).Select(d => d.SubmissionId).ToList();
        if (!settings.Wait || resubmitted.Count == 0)
        {
            ReprocessOutput.PrintRun(services, report, settings.Json, counts: null);
            return ExitCodes.Success;
        }

        if (!settings.Json)
        {
            ReprocessOutput.PrintRun(services, report, json: false, counts: null);
        }

        // Off --json only: the JSON object is the whole of the output there.
        if (!settings.Json && await WorkerLiveness.CountLiveWorkersAsync(services.DataSource, cancellationToken) is null or 0)
        {
            services.Console.MarkupLine("[yellow]Warning:[/] no worker is alive (no worker heartbeat in the last minute): nothing will be sent until one runs ('eigenpal worker').");
        }

        TimeSpan? timeout = settings.Timeout is not null && DurationText.TryParse(settings.Timeout, out var t) ? t : null;
        var (counts, ended) = await new BatchProgress(services).WaitAsync(resubmitted, timeout, quiet: settings.Json, cancellationToken);
        if (settings.Json)
        {
            ReprocessOutput.PrintRun(services, report, json: true, counts);
        }

        return !ended ? ExitCodes.StillRunning
            : counts.GetValueOrDefault(SubmissionState.Completed.Name()) == resubmitted.Count ? ExitCodes.Success : ExitCodes.NotAllCompleted;
    }
}
