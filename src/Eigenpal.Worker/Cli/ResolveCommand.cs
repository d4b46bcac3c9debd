using System.ComponentModel;
using Eigenpal.Submissions;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// <c>eigenpal resolve</c>: settles an undetermined submission — the worker could not tell whether
/// its run request created an execution — by naming its execution or stating that none was created.
/// The decision (who, when, why) is recorded in the attempt's status history.
/// </summary>
internal sealed class ResolveCommand(CliServices services) : AsyncCommand<ResolveCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The undetermined submission's id, or its start or end (the short id `list` shows).")]
        public string Id { get; init; } = "";

        [CommandOption("--execution <EXEC_ID>")]
        [Description("This execution is the submission's run (`eigenpal show ID` lists the candidates).")]
        public string? Execution { get; init; }

        [CommandOption("--not-sent")]
        [Description("No execution was created: send the submission again as a new attempt.")]
        public bool NotSent { get; init; }

        [CommandOption("--reason <TEXT>")]
        [Description("Why, for the record.")]
        public string? Reason { get; init; }

        [CommandOption("--by <NAME>")]
        [Description("Who decides (default: the current user and machine).")]
        public string? By { get; init; }

        public override ValidationResult Validate() => (Execution is not null) == NotSent
            ? Spectre.Console.ValidationResult.Error("Give either --execution EXEC_ID or --not-sent.")
            : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        var detail = await SubmissionLookup.FindAsync(services, settings.Id, cancellationToken);
        var by = string.IsNullOrWhiteSpace(settings.By) ? $"{Environment.UserName}@{Environment.MachineName}" : settings.By.Trim();
        var resolved = settings.Execution is { } execution
            ? await services.Resolver.AdoptAsync(detail.Submission.Id, execution.Trim(), by, settings.Reason, cancellationToken)
            : await services.Resolver.NotSentAsync(detail.Submission.Id, by, settings.Reason, cancellationToken);
        services.Console.MarkupLine(
            $"Submission {resolved.SubmissionId} attempt {resolved.Attempt} is now [green]{resolved.State.Name()}[/]: {Markup.Escape(resolved.Detail)}.");
        return ExitCodes.Success;
    }
}
