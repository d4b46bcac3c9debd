using Eigenpal.Worker.Cli.Infrastructure;
using Eigenpal.Worker.Cli.Inputs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>The <c>eigenpal</c> command: one executable for the worker and the operator's commands.</summary>
public static class EigenpalCommandLine
{
    private const string ExitCodeHelp =
        "Exit codes: 0 done (with --wait: all completed); 1 some did not complete; 2 bad input or usage (good rows are still recorded); " +
        "3 database unreachable; 4 API key missing or API refused (unknown workflow, forbidden); 5 --wait --timeout ran out (work carries on); 130 interrupted.";

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command on standard output, as wide as <c>COLUMNS</c> or the
    /// terminal says (see <see cref="ConsoleWidth"/>); returns the process exit code.
    /// </summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        RunAsync(args, ConsoleWidth.CreateConsole(), null, cancellationToken);

    /// <summary>
    /// Runs a command writing to <paramref name="console"/>, with <paramref name="configurationOverrides"/> on top of
    /// appsettings and environment variables (keys as in configuration, or environment-style with <c>__</c>).
    /// Tests use it to run commands in-process against their own database and API.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, IAnsiConsole console, IDictionary<string, string?>? configurationOverrides, CancellationToken cancellationToken = default)
    {
        await using var services = new CliServices(console, CliConfiguration.Build(configurationOverrides));
        var registrations = new ServiceCollection();
        registrations.AddSingleton(services);
        var app = new CommandApp(new TypeRegistrar(registrations));
        app.Configure(config => Configure(config, services));
        return await app.RunAsync(args, cancellationToken);
    }

    private static void Configure(IConfigurator config, CliServices services)
    {
        config.SetApplicationName("eigenpal");
        config.Settings.Console = services.Console;
        config.SetExceptionHandler((exception, _) => CliErrors.Handle(exception, services));
        config.AddCommand<WorkerCommand>("worker")
            .WithDescription("Run the worker: Hangfire server, relay, poller and dashboard, until stopped (Ctrl+C, SIGTERM).")
            .WithExample("worker")
            .WithExample("worker", "--urls", "http://0.0.0.0:5081");
        config.AddCommand<MigrateCommand>("migrate")
            .WithDescription("Apply the tracking schema's pending migrations to ConnectionStrings__Eigenpal, then exit.")
            .WithExample("migrate");
        config.AddCommand<SubmitCommand>("submit")
            .WithDescription("Record a batch of submissions durably (a folder, a JSONL/CSV manifest, or files) after checking the workflow; " +
                "re-running adds only what was not submitted yet. " + ManifestColumns.Help + " " + ExitCodeHelp)
            .WithExample("submit", "--workflow", "extract-invoice", "--dir", "./invoices", "--batch", "march", "--wait")
            .WithExample("submit", "--workflow", "extract-invoice", "--manifest", "invoices.csv", "--key-from", "key", "--json")
            .WithExample("submit", "--workflow", "extract-invoice", "--input", "language=de", "a.pdf", "b.pdf");
        config.AddCommand<StatusCommand>("status")
            .WithDescription("Submissions per state, the oldest still waiting and the top failure reasons, for everything or a batch or workflow. " + ExitCodeHelp)
            .WithExample("status", "--batch", "march")
            .WithExample("status", "--workflow", "extract-invoice", "--watch");
        config.AddCommand<ListCommand>("list")
            .WithDescription("List submissions by state, age, workflow or batch, most recently changed first. " + ExitCodeHelp)
            .WithExample("list", "--status", "failed,rejected", "--since", "7d")
            .WithExample("list", "--batch", "march", "--limit", "200")
            .WithExample("list", "--status", "undetermined", "--full-ids");
        config.AddCommand<ShowCommand>("show")
            .WithDescription("Everything about one submission (by submission id, its start or end such as the short id `list` shows, or remote execution id): attempts, status history, result, error, request ids. " + ExitCodeHelp)
            .WithExample("show", "0196f7c2-5a8e-7c1b-9f3e-2d4c6b8a1e07")
            .WithExample("show", "6b8a1e07")
            .WithExample("show", "exec_7Hq2LmN9");
        config.AddCommand<CancelCommand>("cancel")
            .WithDescription("Cancel a submission or every unfinished submission of a batch, through the API; prints each outcome. " + ExitCodeHelp)
            .WithExample("cancel", "0196f7c2-5a8e-7c1b-9f3e-2d4c6b8a1e07")
            .WithExample("cancel", "6b8a1e07")
            .WithExample("cancel", "--batch", "march");
        config.AddCommand<ResolveCommand>("resolve")
            .WithDescription("Settle an undetermined submission (the worker could not tell whether its run was created): name its execution, " +
                "or state that none was created so it is sent again. The decision is recorded with who and why. " + ExitCodeHelp)
            .WithExample("resolve", "0196f7c2-5a8e-7c1b-9f3e-2d4c6b8a1e07", "--execution", "exec_7Hq2LmN9", "--reason", "checked in Studio")
            .WithExample("resolve", "6b8a1e07", "--not-sent");
        config.AddCommand<ResultsCommand>("results")
            .WithDescription("Export a batch's results (source, status, result or error per submission) to .jsonl or .csv, by the file's extension. " + ExitCodeHelp)
            .WithExample("results", "--batch", "march", "--out", "results.jsonl")
            .WithExample("results", "--batch", "march", "--out", "results.csv");
        config.AddCommand<ReprocessCommand>("reprocess")
            .WithDescription("Resubmit failed submissions whose failure is retryable (the nightly job's selection, now): each becomes its next attempt, " +
                "sent with the same exactly-once guarantees as a first one. --dry-run shows every decision and writes nothing; --history shows past runs. " + ExitCodeHelp)
            .WithExample("reprocess", "--since", "24h", "--dry-run")
            .WithExample("reprocess", "--workflow", "extract-invoice", "--batch", "march", "--wait")
            .WithExample("reprocess", "--history", "--last", "10");
        config.AddCommand<ImportCommand>("import")
            .WithDescription("Adopt a workflow's runs started outside the worker (listed through the API) so status, results, polling and reprocessing see them; " +
                "importing again adds nothing, and the worker's own runs are never adopted. A run whose input held a file is tracked but not reprocessable. " + ExitCodeHelp)
            .WithExample("import", "--workflow", "extract-invoice", "--since", "7d")
            .WithExample("import", "--workflow", "extract-invoice", "--since", "24h", "--status", "failed,rejected", "--json");
        config.AddCommand<PurgeCommand>("purge")
            .WithDescription("Drop the stored file bytes of submissions finished longer ago than --older-than (default Eigenpal:Retention:PurgeAfter) that no " +
                "reprocess run will take again (completed, rejected, cancelled, error, failed for good); rows, hashes, sizes and results stay. " +
                "--dry-run counts what would go per workflow and state and changes nothing. " + ExitCodeHelp)
            .WithExample("purge", "--older-than", "30d", "--dry-run")
            .WithExample("purge", "--older-than", "90d", "--json");
        config.AddBranch("access", access =>
        {
            access.SetDescription("Make the credentials for remote access to the dashboard, /api and /metrics (Eigenpal:Access); local requests need none.");
            access.AddCommand<Access.HashPasswordCommand>("hash-password")
                .WithDescription("Hash a user's password (read from standard input, or typed at a hidden prompt) and print the Eigenpal:Access:Users entry.")
                .WithExample("access", "hash-password", "--name", "ana", "--role", "operator");
            access.AddCommand<Access.NewTokenCommand>("new-token")
                .WithDescription("Make a bearer token, print it once and the Eigenpal:Access:Tokens entry holding its SHA-256.")
                .WithExample("access", "new-token", "--name", "grafana", "--role", "viewer");
        });
        config.AddCommand<SamplesCommand>("samples")
            .WithDescription("Write realistic, fictional invoice PDFs for demos and tests (the same seed gives the same invoices).")
            .WithExample("samples", "--count", "50", "--out", "./invoices")
            .WithExample("samples", "--count", "500", "--out", "./invoices", "--seed", "7");
    }
}
