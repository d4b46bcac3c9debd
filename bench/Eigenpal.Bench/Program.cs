// Throughput harness for the durable core: records a batch, lets real worker processes send
// and track it against the in-process simulator, and reports submissions per second (row
// recorded -> execution id committed) and status API calls per execution.
//
//   dotnet run -c Release --project bench/Eigenpal.Bench -- <connection string> [count] [workers] [reprocess]
//
// bench/run.sh starts a PostgreSQL for it. Traffic stays on 127.0.0.1.
using System.Diagnostics;
using System.Globalization;
using Eigenpal.Bench;
using Eigenpal.Simulator;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Worker.Demo;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

if (args.Length > 1 && args[0] == "scale")
{
    // bench/scale/run.sh: the dashboard's queries over a seeded store (ScaleDirect, ScalePages).
    var output = new System.Text.StringBuilder().Append(await ScaleDirect.RunAsync(args[1]));
    if (args.Length > 2)
    {
        output.AppendLine().Append(await ScalePages.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5));
    }

    Console.WriteLine(output);
    return;
}

var adminConnection = args.Length > 0 ? args[0] : throw new ArgumentException("usage: Eigenpal.Bench <connection string> [count] [workers]");
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var workerCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
if (args.Length > 3 && args[3] == "reprocess")
{
    // bench/run.sh 1000 1 reprocess: the nightly reprocessing of a batch with failures (ReprocessBench).
    await ReprocessBench.RunAsync(adminConnection, count, workerCount);
    return;
}

var connectionString = await BenchDatabase.CreateAsync(adminConnection);
await using var dataSource = NpgsqlDataSource.Create(connectionString);
await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();

// The simulator's built-in extract-invoice timeline: log-normal, median 8 s, 5 % failures.
await using var simulator = await SimulatorHost.StartAsync(o => o.Seed = 7);
var workers = Enumerable.Range(0, workerCount).Select(_ => BenchWorker.Start(connectionString, simulator)).ToList();
await BenchDatabase.WaitForHangfireServersAsync(dataSource, workerCount);

var folder = Directory.CreateTempSubdirectory("eigenpal-bench-").FullName;
var files = new SampleInvoiceGenerator(seed: 11).Generate(folder, count);
var submissions = files.Select(path => new NewSubmission
{
    Workflow = "extract-invoice",
    SourceName = Path.GetFileName(path),
    Files = [new SubmissionFile("contract_document", Path.GetFileName(path), "application/pdf", File.ReadAllBytes(path))],
}).ToList();

var intake = new SubmissionIntake(dataSource, TimeProvider.System, NullLogger<SubmissionIntake>.Instance);
var clock = Stopwatch.StartNew();
await intake.RecordBatchAsync("bench", submissions);
var recorded = clock.Elapsed;

await BenchDatabase.WaitAsync(dataSource, "SELECT count(*) FROM eigenpal.executions WHERE remote_id IS NOT NULL", count, TimeSpan.FromMinutes(10));
var allSent = clock.Elapsed;
await BenchDatabase.WaitAsync(dataSource,
    "SELECT count(*) FROM eigenpal.submissions WHERE state IN ('completed', 'failed', 'rejected', 'cancelled', 'error', 'undetermined')",
    count, TimeSpan.FromMinutes(10));
var allFinal = clock.Elapsed;

var latency = await BenchDatabase.SendLatencyPercentilesAsync(dataSource);
var counters = simulator.GetCounters();
// Both surfaces' routes are counted: a run goes on one of them (BENCH_API), and uploads are v1's.
var listCalls = counters.RequestsTo(EndpointNames.ListExecutions) + counters.RequestsTo(Eigenpal.Simulator.V1.V1EndpointNames.ListRuns);
var getCalls = counters.RequestsTo(EndpointNames.GetExecution) + counters.RequestsTo(Eigenpal.Simulator.V1.V1EndpointNames.GetRun);
var runCalls = counters.RequestsTo(EndpointNames.RunWorkflow) + counters.RequestsTo(Eigenpal.Simulator.V1.V1EndpointNames.StartRun);
var statusCalls = listCalls + getCalls;
foreach (var worker in workers)
{
    worker.Kill(entireProcessTree: true);
}

var sendSeconds = (allSent - recorded).TotalSeconds;
Console.WriteLine(FormattableString.Invariant($"""
    submissions:                 {count} extract-invoice PDFs, {workerCount} worker process(es), API surface {Environment.GetEnvironmentVariable("BENCH_API") ?? "legacy"}
    recording the batch:         {recorded.TotalSeconds:0.00} s ({count / recorded.TotalSeconds:0} rows/s, one transaction with the files)
    all execution ids committed: {allSent.TotalSeconds:0.00} s after start -> {count / sendSeconds:0.0} submissions/s (recorded -> id committed)
    per-row latency (recorded -> id committed): p50 {latency.P50:0.00} s, p95 {latency.P95:0.00} s, max {latency.Max:0.00} s
    all final:                   {allFinal.TotalSeconds:0.00} s after start
    run calls:                   {runCalls} (executions created {counters.ExecutionsCreated}, duplicates {counters.DuplicateInputExecutions}; v1 uploads {counters.RequestsTo(Eigenpal.Simulator.V1.V1EndpointNames.CreateUpload)})
    status calls:                {statusCalls} = {listCalls} list + {getCalls} get -> {(double)statusCalls / count:0.00} per execution
    naive 2 s polling would make about {await BenchDatabase.NaivePollCallsAsync(dataSource):0} get calls ({await BenchDatabase.NaivePollCallsAsync(dataSource) / count:0.0} per execution)
    """));
Directory.Delete(folder, recursive: true);
