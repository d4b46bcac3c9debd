using System.Text.Json.Nodes;
using Eigenpal.Executions;
using Eigenpal.Reconciliation;
using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// eigenpal import beside the worker's own runs: those it recorded are already tracked, those whose attempt
/// it has not recorded yet are left to its reconciliation, and an adopted run still going is tracked to its
/// end by a real worker process.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ImportWorkerRunsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task The_workers_own_runs_are_not_imported_and_adopted_runs_still_going_are_tracked_to_their_end_by_the_worker(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["classify-text"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Uniform(2500, 4000), FailureRate = 0, RejectionRate = 0,
        }, surface);
        scenario.StartWorker();
        var own = await scenario.Database.Intake.RecordBatchAsync("own", [.. Enumerable.Range(0, 3).Select(i => new NewSubmission
        {
            Workflow = "classify-text", Input = new JsonObject { ["text"] = $"own text {i}" },
        })]);
        await scenario.WaitForAllFinalAsync(3, TimeSpan.FromSeconds(90));
        using var outside = new ImportRuns(scenario.Simulator, surface);
        var ids = await outside.StartTextRunsAsync(4);

        var run = await CliRun.RunAsync(scenario.Settings, "import", "-w", "classify-text", "--since", "1h", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(7, (int)run.Json["listed"]!);
        Assert.Equal(4, (int)run.Json["imported"]!);
        Assert.Equal(3, (int)run.Json["alreadyTracked"]!);
        Assert.Equal(4, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM eigenpal.executions WHERE next_poll_at IS NOT NULL AND status IN ('created', 'pending', 'running', 'waiting', 'finalizing')"));
        Assert.Equal(7, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"));

        await scenario.WaitForAllFinalAsync(7, TimeSpan.FromSeconds(90));
        Assert.Equal(ids.Order(StringComparer.Ordinal), await scenario.Database.ColumnAsync<string>("""
            SELECT e.remote_id FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id
            WHERE s.origin = 'import' AND s.state = 'completed' AND e.status = 'completed' AND e.result IS NOT NULL AND e.next_poll_at IS NULL
              AND (SELECT count(*) FROM eigenpal.status_changes c WHERE c.execution_id = e.id) >= 2
            ORDER BY 1
            """));
        Assert.Equal(3, await scenario.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM eigenpal.submissions WHERE origin = 'intake' AND batch_id = '{own.BatchId}' AND state = 'completed'"));
    }

    [Fact]
    public async Task On_legacy_a_run_created_inside_the_window_of_an_attempt_still_being_sent_is_left_to_its_reconciliation()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: "legacy");
        await BeginAttemptAsync(scenario, ApiSurface.Legacy);
        using var outside = new ImportRuns(scenario.Simulator, "legacy");
        await outside.StartTextRunsAsync(1);

        var run = await CliRun.RunAsync(scenario.Settings, "import", "-w", "classify-text", "--since", "10m");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("0 imported", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"may be an unreconciled attempt of ours\s*│\s*1", run.Output);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE origin = 'import'"));
    }

    [Fact]
    public async Task On_v1_a_run_whose_metadata_names_our_attempt_is_skipped_and_one_another_client_started_is_adopted()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: "v1");
        var (submission, attempt) = await BeginAttemptAsync(scenario, ApiSurface.V1);
        using var outside = new ImportRuns(scenario.Simulator, "v1");
        var text = new Dictionary<string, object?> { ["text"] = "hello" };
        await outside.StartAsync("classify-text", text, new RunMetadata(submission, attempt, 1).ToJson());
        // Another fleet's worker: its metadata names an attempt this store has never seen.
        var foreign = await outside.StartAsync("classify-text", text, new RunMetadata(Guid.NewGuid(), Guid.NewGuid(), 1).ToJson());
        // No metadata, inside our attempt's window: with a server that dropped metadata it could be ours.
        await outside.StartAsync("classify-text", text);

        var run = await CliRun.RunAsync(scenario.Settings, "import", "-w", "classify-text", "--since", "10m", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(1, (int)run.Json["imported"]!);
        Assert.Equal(1, (int)run.Json["skipped"]!["started by this worker (its attempt is still being reconciled)"]!);
        Assert.Equal(1, (int)run.Json["skipped"]!["may be an unreconciled attempt of ours"]!);
        Assert.Equal([foreign], await scenario.Database.ColumnAsync<string>(
            "SELECT e.remote_id FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id WHERE s.origin = 'import'"));
    }

    /// <summary>An attempt of classify-text whose run request may be in flight (its row says sending, without a remote id).</summary>
    private static async Task<(Guid Submission, Guid Attempt)> BeginAttemptAsync(WorkerScenario scenario, ApiSurface surface)
    {
        var recorded = await scenario.Database.Intake.RecordAsync(new NewSubmission { Workflow = "classify-text", Input = new JsonObject { ["text"] = "ours" } });
        await using var connection = await scenario.Database.DataSource.OpenConnectionAsync();
        var now = DateTimeOffset.UtcNow;
        var attempt = await StateChange.BeginAttemptAsync(
            connection, recorded.Id, "classify-text", 0, surface, null, TimeSpan.FromMinutes(10),
            new ReconcileWindow(now - TimeSpan.FromMinutes(1), now + TimeSpan.FromMinutes(1)), TimeSpan.FromMinutes(10), CancellationToken.None);
        return (recorded.Id, attempt!.Id);
    }
}
