using Eigenpal.Api;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// eigenpal import (issue 9) against real PostgreSQL and the simulator over real HTTP, on both surfaces:
/// runs started by another client are adopted once, over pages the simulator keeps small and (on v1)
/// short, with their inputs kept where they can be sent again and the reason where they cannot.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ImportTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string FileReason = "imported: input 'contract_document' held a file the worker never stored";

    private const string RowCounts = """
        SELECT format('submissions=%s executions=%s status_changes=%s batches=%s',
            (SELECT count(*) FROM eigenpal.submissions), (SELECT count(*) FROM eigenpal.executions),
            (SELECT count(*) FROM eigenpal.status_changes), (SELECT count(*) FROM eigenpal.batches))
        """;

    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task Outside_runs_are_adopted_once_over_many_short_pages_and_a_second_import_adds_no_row(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Modes.MaxPageSize = 3;
            o.Modes.V1MaxPageSize = 3;
            o.Modes.V1ShortPageRate = 0.5;
        }, surface);
        using var outside = new ImportRuns(scenario.Simulator, surface);
        var ids = await outside.StartTextRunsAsync(11);

        var first = await CliRun.RunAsync(scenario.Settings, "import", "--workflow", "classify-text", "--since", "1h", "--json");
        output.WriteLine(first.ToString());

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.Equal(11, (int)first.Json["listed"]!);
        Assert.Equal(11, (int)first.Json["imported"]!);
        Assert.Equal(11, (int)first.Json["reprocessable"]!);
        Assert.True((int)first.Json["listCalls"]! >= 4, $"11 runs in pages of at most 3 take at least 4 list calls: {first}");
        Assert.Equal(surface, (string?)first.Json["surface"]);
        var batch = (string)first.Json["batchName"]!;
        Assert.StartsWith("import-classify-text-", batch, StringComparison.Ordinal);
        Assert.Equal(
            ids.Order(StringComparer.Ordinal),
            await scenario.Database.ColumnAsync<string>($"""
                SELECT e.remote_id FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id
                WHERE s.origin = 'import' AND e.surface = '{surface}' AND e.made_because = 'imported: started outside the worker' AND e.attempt = 1
                  AND s.idempotency_key = 'import:' || e.remote_id AND s.inputs_missing IS NULL ORDER BY 1
                """));
        // The scalar input the run started with is the submission's input, so it can be sent again.
        var inputs = await scenario.Database.ColumnAsync<string>("SELECT input::text FROM eigenpal.submissions ORDER BY input::text");
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"{{\"text\": \"outside text {i}\"}}").Order(StringComparer.Ordinal), inputs);
        // Each adoption is explained in the status history; a run still going is due for its first poll.
        Assert.Equal(11, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM eigenpal.status_changes WHERE from_status IS NULL AND detail = 'imported: started outside the worker'"));
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id
            WHERE (e.status IN ('completed', 'failed', 'cancelled', 'rejected')) = (e.next_poll_at IS NOT NULL)
               OR s.state <> CASE WHEN e.status IN ('completed', 'failed', 'cancelled', 'rejected') THEN e.status ELSE 'running' END
            """));
        var before = await scenario.Database.ScalarAsync<string>(RowCounts);

        var second = await CliRun.RunAsync(scenario.Settings, "import", "--workflow", "classify-text", "--since", "1h", "--json");

        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.Equal(0, (int)second.Json["imported"]!);
        Assert.Equal(11, (int)second.Json["alreadyTracked"]!);
        Assert.Equal(before, await scenario.Database.ScalarAsync<string>(RowCounts));

        var status = await CliRun.RunAsync(scenario.Settings, "status", "--batch", batch);
        Assert.True(status.ExitCode == ExitCodes.Success, status.ToString());
        Assert.Contains("total", status.Output, StringComparison.Ordinal);
        Assert.Matches(@"total\s*│\s*11", status.Output);
        var export = Path.Combine(Path.GetTempPath(), $"eigenpal-import-{Guid.NewGuid():N}.jsonl");
        try
        {
            var results = await CliRun.RunAsync(scenario.Settings, "results", "--batch", batch, "--out", export);
            Assert.True(results.ExitCode == ExitCodes.Success, results.ToString());
            Assert.Equal(11, (await File.ReadAllLinesAsync(export)).Length);
        }
        finally
        {
            File.Delete(export);
        }
    }

    [Fact]
    public async Task A_legacy_list_that_stops_serving_before_its_total_is_reported_never_taken_as_the_end()
    {
        // Pages from offset 4 come back empty while the total counts all 9: the rest cannot be listed.
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Modes.MaxPageSize = 2;
            o.Modes.EmptyPagesFromOffset = 4;
        });
        using var outside = new ImportRuns(scenario.Simulator, "legacy");
        await outside.StartTextRunsAsync(9);

        var run = await CliRun.RunAsync(scenario.Settings, "import", "-w", "classify-text", "--since", "10m");

        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == ExitCodes.ApiUnavailable, run.ToString());
        Assert.Contains("the listing may have missed runs", run.Output, StringComparison.Ordinal);
        Assert.Contains("run the import again to finish", run.Output, StringComparison.Ordinal);
        Assert.Equal(await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE origin = 'import'"),
            await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE made_because = 'imported: started outside the worker'"));
        Assert.True(await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions") < 9, "the simulator hid some runs");
    }

    [Theory]
    [InlineData("legacy", FileEchoMode.Full, FileReason)]
    [InlineData("legacy", FileEchoMode.StorageReference, FileReason)]
    [InlineData("legacy", FileEchoMode.None, "imported: the API did not show the input this run started with, so it cannot be sent again")]
    [InlineData("v1", FileEchoMode.Full, FileReason)]
    public async Task A_run_whose_input_held_a_file_is_tracked_and_reported_as_not_reprocessable(string surface, FileEchoMode echo, string reason)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Modes.FileEcho = echo, surface);
        using var outside = new ImportRuns(scenario.Simulator, surface);
        var withFile = await outside.StartAsync("extract-invoice", new Dictionary<string, object?>
        {
            ["contract_document"] = RunFile.FromBytes("Invoice No: INV-OUT-1\nTotal: 10.00 EUR\n"u8.ToArray(), "outside.txt", "text/plain"),
        });

        var run = await CliRun.RunAsync(scenario.Settings, "import", "-w", "extract-invoice", "--since", "10m");

        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("1 imported", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 reprocessable, 1 not", run.Output, StringComparison.Ordinal);
        Assert.Contains(reason, run.Output, StringComparison.Ordinal);
        Assert.Equal(reason, await scenario.Database.ScalarAsync<string>(
            $"SELECT s.inputs_missing FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id WHERE e.remote_id = '{withFile}'"));
        Assert.Equal("{}", await scenario.Database.ScalarAsync<string>("SELECT input::text FROM eigenpal.submissions"));
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_files"));
        var show = await CliRun.RunAsync(scenario.Settings, "show", withFile);
        Assert.True(show.ExitCode == ExitCodes.Success, show.ToString());
        Assert.Contains("imported: started outside the worker", show.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task Two_imports_at_once_adopt_each_run_once(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Modes.MaxPageSize = 5, surface);
        using var outside = new ImportRuns(scenario.Simulator, surface);
        await outside.StartTextRunsAsync(20);

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            CliRun.RunAsync(scenario.Settings, "import", "-w", "classify-text", "--since", "10m", "--json")));

        Assert.All(runs, r => Assert.True(r.ExitCode == ExitCodes.Success, r.ToString()));
        Assert.Equal(20, runs.Sum(r => (int)r.Json["imported"]!));
        Assert.Equal(40, runs.Sum(r => (int)r.Json["imported"]! + (int)r.Json["alreadyTracked"]!));
        Assert.Equal("submissions=20 executions=20 status_changes=20", await scenario.Database.ScalarAsync<string>("""
            SELECT format('submissions=%s executions=%s status_changes=%s', (SELECT count(*) FROM eigenpal.submissions),
                (SELECT count(DISTINCT remote_id) FROM eigenpal.executions), (SELECT count(*) FROM eigenpal.status_changes))
            """));
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task The_status_filter_adopts_only_runs_in_those_remote_states_with_their_failure_recorded(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["classify-text"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Uniform(100, 300), FailureRate = 0.5, RejectionRate = 0,
        }, surface);
        using var outside = new ImportRuns(scenario.Simulator, surface);
        var ids = await outside.StartTextRunsAsync(12);
        await outside.WaitUntilEndedAsync(ids);
        var failed = (await outside.StatusesAsync(ids)).Where(s => s.Value == ExecutionStatus.Failed).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        Assert.True(failed.Count is > 0 and < 12, $"the seed should give both outcomes ({failed.Count} of 12 failed)");

        var run = await CliRun.RunAsync(scenario.Settings, "import", "-w", "classify-text", "--since", "10m", "--status", "failed,rejected", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(failed.Count, (int)run.Json["imported"]!);
        Assert.Equal(failed, await scenario.Database.ColumnAsync<string>(
            "SELECT remote_id FROM eigenpal.executions WHERE status = 'failed' AND error IS NOT NULL AND failure_category IS NOT NULL AND retryable IS NOT NULL ORDER BY 1"));
        Assert.Equal(failed.Count, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM eigenpal.submissions WHERE state = 'failed' AND state_reason IS NOT NULL AND origin = 'import'"));
    }
}
