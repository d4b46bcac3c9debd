using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>Runs started outside the worker, adopted by <c>eigenpal import</c>, are reprocessed from the scalar input they were started with.</summary>
[Collection(PostgresTests.Name)]
public sealed class ReprocessImportedTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task An_imported_failure_with_scalar_inputs_is_resubmitted_from_them_as_attempt_two(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["classify-text"].FailureRate = 1, surface);
        scenario.Settings["Eigenpal__Reprocess__MinAge"] = "00:00:00";
        using var outside = new ImportRuns(scenario.Simulator, surface);
        var ids = await outside.StartTextRunsAsync(12, "elsewhere");
        await outside.WaitUntilEndedAsync(ids);

        var import = await CliRun.RunAsync(scenario.Settings, "import", "--workflow", "classify-text", "--since", "1h", "--json");
        Assert.True(import.ExitCode == ExitCodes.Success, import.ToString());
        Assert.Equal(12, (int)import.Json["imported"]!);
        var retryable = await FailedBatch.FailedAsync(scenario.Database, retryable: true);
        Assert.True(retryable > 0 && retryable < 12, $"{retryable} of 12 imported failures retryable: the simulator mixes both");

        scenario.StartWorker();
        var run = await CliRun.RunAsync(scenario.Settings, "reprocess", "--wait", "--timeout", "60s", "--json");
        Assert.True(run.ExitCode == ExitCodes.NotAllCompleted, run.ToString());
        Assert.Equal(retryable, (long)run.Json["resubmitted"]!);
        Assert.Equal(12 - retryable, (long)run.Json["skipped"]!["not retryable"]!);

        // Each was sent again with the very input it was started with outside, as attempt 2 of its import.
        Assert.Equal(retryable, await scenario.Database.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id
            JOIN eigenpal.executions first ON first.id = e.previous_execution_id
            WHERE s.origin = 'import' AND e.attempt = 2 AND e.remote_id IS NOT NULL AND first.made_because = 'imported: started outside the worker'
              AND e.made_because LIKE 'reprocess run % (command): attempt 1 failed%'
            """));
        var counters = scenario.Simulator.GetCounters();
        Assert.Equal(12 + retryable, counters.ExecutionsCreated);
        Assert.Equal(0, counters.DuplicateInputExecutions);
    }
}
