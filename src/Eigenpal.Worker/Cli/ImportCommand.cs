using Eigenpal.Imports;
using Eigenpal.Worker.Cli.Import;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// <c>eigenpal import</c>: adopts a workflow's runs that were started outside the worker (listed through the
/// API) as submissions of origin <c>import</c>, so that status, export, polling and reprocessing see them.
/// Importing again adds nothing; the worker's own runs are never adopted.
/// </summary>
internal sealed class ImportCommand(CliServices services) : AsyncCommand<ImportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        var workflow = settings.Workflow.Trim();
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        await FleetPauseGate.WaitAsync(services, message => Warn(settings, message), cancellationToken);
        // The workflow is checked (an unknown one is refused with the API's answer) and its declared file inputs read.
        var check = await WorkflowCheck.RunAsync(services.Surfaces, workflow, null, cancellationToken);
        if (check.Problem is { } problem)
        {
            return ImportOutput.Refused(services, settings, problem);
        }

        var request = new ImportRequest(
            workflow, settings.SinceDuration, settings.Statuses, [.. check.Inputs?.FileInputs ?? []],
            $"eigenpal import ({Environment.UserName}@{Environment.MachineName})");
        var display = new ImportProgressDisplay(services);
        var report = await display.ShowWhileAsync(services.Importer.ImportAsync(request, display, cancellationToken), settings.Json, cancellationToken);
        return ImportOutput.Finish(services, settings, report);
    }

    private void Warn(ImportSettings settings, string message)
    {
        if (!settings.Json)
        {
            services.Console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(message)}");
        }
    }
}
