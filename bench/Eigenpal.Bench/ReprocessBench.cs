using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Eigenpal.Simulator;
using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Options;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Demo;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;

namespace Eigenpal.Bench;

/// <summary>
/// The reprocessing figures (issue 9): a batch of invoices where a fifth of the runs fail — half of
/// those with a retryable failure (provider timeout or outage), half with a permanent one — run to its
/// end by real workers; then <c>eigenpal reprocess --dry-run</c> and <c>eigenpal reprocess --wait</c>,
/// each with its counts, API calls and time.
/// </summary>
internal static class ReprocessBench
{
    public static async Task RunAsync(string adminConnection, int count, int workerCount)
    {
        var connectionString = await BenchDatabase.CreateAsync(adminConnection);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        await using var simulator = await SimulatorHost.StartAsync(o =>
        {
            o.Seed = 7;
            o.Workflows["extract-invoice"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Uniform(500, 3000), FailureRate = 0.2, RejectionRate = 0 };
        });
        var workers = Enumerable.Range(0, workerCount).Select(_ => BenchWorker.Start(connectionString, simulator)).ToList();
        await BenchDatabase.WaitForHangfireServersAsync(dataSource, workerCount);

        var folder = Directory.CreateTempSubdirectory("eigenpal-bench-").FullName;
        var submissions = new SampleInvoiceGenerator(seed: 11).Generate(folder, count).Select(path => new NewSubmission
        {
            Workflow = "extract-invoice",
            SourceName = Path.GetFileName(path),
            Files = [new SubmissionFile("contract_document", Path.GetFileName(path), "application/pdf", File.ReadAllBytes(path))],
        }).ToList();
        await new SubmissionIntake(dataSource, TimeProvider.System, NullLogger<SubmissionIntake>.Instance).RecordBatchAsync("nightly", submissions);
        await BenchDatabase.WaitAsync(dataSource, FinalSql, count, TimeSpan.FromMinutes(10));
        // The failures are made older than the minimum age, as they would be by 02:00.
        await using (var age = dataSource.CreateCommand("UPDATE eigenpal.executions SET completed_at = completed_at - interval '1 hour' WHERE completed_at IS NOT NULL"))
        {
            await age.ExecuteNonQueryAsync();
        }

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Eigenpal"] = connectionString,
            ["EIGENPAL_BASE_URL"] = simulator.BaseUrl.ToString(),
            ["EIGENPAL_API_KEY"] = simulator.ApiKey,
            ["Eigenpal:Api"] = Environment.GetEnvironmentVariable("BENCH_API") ?? "legacy",
            ["Eigenpal:RateLimit:RequestsPerSecond"] = "5000",
            ["Eigenpal:RateLimit:Burst"] = "200",
        };
        var failed = await ScalarAsync(dataSource, "SELECT count(*) FROM eigenpal.submissions WHERE state = 'failed'");
        var retryable = await ScalarAsync(dataSource, "SELECT count(*) FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt WHERE s.state = 'failed' AND e.retryable");
        Console.WriteLine($"batch:        {count} invoices, {failed} failed ({retryable} retryable by the API's flag), {workerCount} worker(s), API {settings["Eigenpal:Api"]}");

        var (dry, dryCalls, dryTime) = await CommandAsync(simulator, settings, "reprocess", "--dry-run", "--json");
        Console.WriteLine(FormattableString.Invariant(
            $"dry run:      {dry["decisions"]!.AsArray().Count} looked at, would resubmit {dry["decisions"]!.AsArray().Count(d => (string)d!["decision"]! == "resubmit")}, skipped {dry["skipped"]!.ToJsonString()}; {dryCalls} API calls, {dryTime.TotalMilliseconds:0} ms"));

        var (real, realCalls, realTime) = await CommandAsync(simulator, settings, "reprocess", "--wait", "--json");
        var afterRetry = await ScalarAsync(dataSource, "SELECT count(*) FROM eigenpal.submissions WHERE attempt = 2 AND state = 'completed'");
        Console.WriteLine(FormattableString.Invariant(
            $"real run:     resubmitted {real["resubmitted"]}, skipped {real["skipped"]!.ToJsonString()}; until every new attempt ended {realTime.TotalSeconds:0.0} s and {realCalls} API calls; {afterRetry} completed on attempt 2; duplicates {simulator.GetCounters().DuplicateInputExecutions}"));
        foreach (var worker in workers)
        {
            worker.Kill(entireProcessTree: true);
        }

        Directory.Delete(folder, recursive: true);
    }

    private const string FinalSql = "SELECT count(*) FROM eigenpal.submissions WHERE state IN ('completed', 'failed', 'rejected', 'cancelled', 'error', 'undetermined')";

    // Runs a command in-process as an operator would, and counts the API calls made meanwhile (the command's and the workers').
    private static async Task<(JsonObject Json, long ApiCalls, TimeSpan Elapsed)> CommandAsync(SimulatorHost simulator, Dictionary<string, string?> settings, params string[] args)
    {
        var before = Calls(simulator.GetCounters());
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        var clock = Stopwatch.StartNew();
        var code = await EigenpalCommandLine.RunAsync(args, console, settings);
        var elapsed = clock.Elapsed;
        if (code is not (ExitCodes.Success or ExitCodes.NotAllCompleted))
        {
            throw new InvalidOperationException($"eigenpal {string.Join(' ', args)} exited {code}: {output}");
        }

        return (JsonNode.Parse(output.ToString())!.AsObject(), Calls(simulator.GetCounters()) - before, elapsed);
    }

    private static long Calls(CountersSnapshot counters) => counters.Requests.Values.Sum();

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
