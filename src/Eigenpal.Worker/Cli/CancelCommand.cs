using System.ComponentModel;
using Eigenpal.Executions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal cancel</c>: cancels one submission or a batch's unfinished ones, and reports each outcome.</summary>
internal sealed class CancelCommand(CliServices services) : AsyncCommand<CancelCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[ID]")]
        [Description("A submission id, its start or end (the short id `list` shows), or a remote execution id.")]
        public string? Id { get; init; }

        [CommandOption("-b|--batch <ID>")]
        [Description("Cancel every unfinished submission of this batch (id or name).")]
        public string? Batch { get; init; }

        public override ValidationResult Validate() => (Id is null) == (Batch is null)
            ? ValidationResult.Error("Give either a submission id or --batch ID.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        IReadOnlyList<Guid> ids;
        if (settings.Batch is { } batch)
        {
            if (!await services.Queries.BatchExistsAsync(batch, cancellationToken))
            {
                throw new UsageException($"No batch with id or name '{batch}'.");
            }

            ids = await services.Queries.UnfinishedIdsAsync(new SubmissionFilter(batch), cancellationToken);
        }
        else
        {
            var detail = await SubmissionLookup.FindAsync(services, settings.Id ?? "", cancellationToken);
            ids = [detail.Submission.Id];
        }

        var canceller = services.Canceller;
        var results = new List<CancelResult>();
        foreach (var id in ids)
        {
            try
            {
                // Checked before each cancel: a 429 answered to the previous one may have paused the fleet for long.
                await FleetPauseGate.WaitAsync(services, message => services.Console.MarkupLine($"[yellow]{Markup.Escape(message)}[/]"), cancellationToken);
            }
            catch (FleetPausedException paused)
            {
                results.AddRange(ids.Skip(results.Count).Select(rest => new CancelResult(rest, "failed", null, "not tried: " + paused.Message)));
                break;
            }

            results.Add(await canceller.CancelSubmissionAsync(id, cancellationToken));
        }

        var table = new Table().AddColumns("Submission", "Execution", "Outcome", "Detail");
        foreach (var r in results)
        {
            var colour = r.Outcome is "failed" or "in-flight" ? "red" : "green";
            table.AddRow(r.SubmissionId.ToString(), Markup.Escape(r.ExecutionId ?? ""), $"[{colour}]{r.Outcome}[/]", Markup.Escape(r.Detail ?? ""));
        }

        services.Console.Write(table);
        var summary = string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}"));
        services.Console.MarkupLine(results.Count == 0 ? "Nothing to cancel: every submission has already ended." : Markup.Escape(summary) + ".");
        return results.Any(r => r.Outcome is "failed" or "in-flight") ? ExitCodes.NotAllCompleted : ExitCodes.Success;
    }
}
