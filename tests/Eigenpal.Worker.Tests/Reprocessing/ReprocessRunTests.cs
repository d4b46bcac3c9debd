using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>A reprocess run over a batch that ran for real: what it resubmits, what it skips and why, and what it records.</summary>
[Collection(PostgresTests.Name)]
public sealed class ReprocessRunTests(PostgresServer postgres)
{
    [Fact]
    public async Task Retryable_failures_are_resubmitted_once_and_linked_while_every_other_candidate_is_skipped_with_its_reason()
    {
        // classify-text allows one attempt only: its retryable failures are "max attempts". One more
        // submission is cancelled before it is ever sent.
        await using var scenario = await FailedBatch.StartAsync(postgres, 60,
            settings: s => s["Eigenpal__Reprocess__Workflows__classify-text__MaxAttempts"] = "1",
            beforeWorkers: async s =>
            {
                var cancelled = (await s.Database.Intake.RecordBatchAsync("nightly", [SampleSubmissions.Invoice(900, "nightly")])).Submissions[0].Id;
                Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(s.Settings, "cancel", cancelled.ToString())).ExitCode);
                return 1;
            });
        var db = scenario.Database;
        // One retryable failure is fresh.
        var fresh = await db.ScalarAsync<Guid>("""
            SELECT s.id FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id
            WHERE s.state = 'failed' AND e.retryable AND s.workflow = 'extract-invoice' ORDER BY s.id LIMIT 1
            """);
        await db.ScalarAsync<int>($"UPDATE eigenpal.executions SET completed_at = now() WHERE submission_id = '{fresh}' RETURNING 1");

        var expected = new
        {
            Resubmit = await FailedBatch.FailedAsync(db, retryable: true, "extract-invoice") - 1,
            NotRetryable = await FailedBatch.FailedAsync(db, retryable: false),
            MaxAttempts = await FailedBatch.FailedAsync(db, retryable: true, "classify-text"),
            Rejected = await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'rejected'"),
        };
        Assert.True(expected.Resubmit > 0 && expected.NotRetryable > 0 && expected.MaxAttempts > 0 && expected.Rejected > 0, $"the batch should hold every kind: {expected}");
        var before = await FailedBatch.AttemptsAsync(db);

        var run = await CliRun.RunAsync(scenario.Settings, "reprocess", "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var report = run.Json;
        Assert.Equal(expected.Resubmit, (long)report["resubmitted"]!);
        var skipped = report["skipped"]!.AsObject();
        Assert.Equal(expected.NotRetryable, (long)skipped["not retryable"]!);
        Assert.Equal(expected.MaxAttempts, (long)skipped["max attempts"]!);
        Assert.Equal(expected.Rejected, (long)skipped["rejected"]!);
        Assert.Equal(1, (long)skipped["too recent"]!);
        Assert.Equal(1, (long)skipped["cancelled"]!);
        var runId = (string)report["id"]!;

        // The worker sends each resubmission as attempt 2, linked to attempt 1 and saying why it was made.
        await scenario.WaitForAllFinalAsync(before.Count, TimeSpan.FromSeconds(90));
        var after = await FailedBatch.AttemptsAsync(db);
        var moved = after.Where(a => a.Value != before[a.Key]).ToList();
        Assert.Equal(expected.Resubmit, moved.Count);
        Assert.All(moved, a => Assert.Equal(before[a.Key] + 1, a.Value));
        Assert.Equal(expected.Resubmit, await db.ScalarAsync<long>($"""
            SELECT count(*) FROM eigenpal.executions e JOIN eigenpal.executions p ON p.id = e.previous_execution_id
            WHERE e.attempt = 2 AND p.attempt = 1 AND p.status = 'failed' AND e.remote_id IS NOT NULL
              AND e.made_because LIKE 'reprocess run {runId} (command): attempt 1 failed%'
            """));
        await FailedBatch.AssertOneRunPerAttemptAsync(scenario);

        // show tells the chain; history keeps the report.
        var show = await CliRun.RunAsync(scenario.Settings, "show", moved[0].Key.ToString());
        Assert.Contains("first submission", show.Output, StringComparison.Ordinal);
        Assert.Contains($"reprocess run {runId} (command): attempt 1 failed", show.Output, StringComparison.Ordinal);
        var history = await CliRun.RunAsync(scenario.Settings, "reprocess", "--history", "--json");
        var recorded = Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(history.Output)!.AsArray())!.AsObject();
        Assert.Equal((runId, "command", expected.Resubmit), ((string)recorded["id"]!, (string)recorded["trigger"]!, (long)recorded["resubmitted"]!));
        Assert.NotNull(recorded["finishedAt"]);

        // A second run takes none of them again: the retries that failed are too recent, the rest are done.
        var again = await CliRun.RunAsync(scenario.Settings, "reprocess", "--json");
        Assert.Equal(0, (long)again.Json["resubmitted"]!);
    }

    [Fact]
    public async Task A_dry_run_lists_every_decision_and_writes_nothing()
    {
        await using var scenario = await FailedBatch.StartAsync(postgres, 30);
        var db = scenario.Database;
        const string Snapshot = """
            SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
                SELECT s::text AS t FROM eigenpal.submissions s UNION ALL SELECT e::text FROM eigenpal.executions e
                UNION ALL SELECT c::text FROM eigenpal.status_changes c UNION ALL SELECT r::text FROM eigenpal.reprocess_runs r) rows
            """;
        var stored = await db.ScalarAsync<string>(Snapshot);
        var calls = scenario.Simulator.GetCounters();
        var retryable = await FailedBatch.FailedAsync(db, retryable: true);

        var dry = await CliRun.RunAsync(scenario.Settings, "reprocess", "--dry-run", "--json");
        Assert.True(dry.ExitCode == ExitCodes.Success, dry.ToString());
        var decisions = dry.Json["decisions"]!.AsArray();
        Assert.Equal(retryable, decisions.Count(d => (string)d!["decision"]! == "resubmit"));
        Assert.All(decisions.Where(d => (string)d!["decision"]! == "skip"), d => Assert.False(string.IsNullOrEmpty((string?)d!["why"])));
        Assert.True(dry.Json["dryRun"]!.GetValue<bool>());

        var text = await CliRun.RunAsync(scenario.Settings, "reprocess", "--dry-run");
        Assert.Contains("Dry run: nothing was written", text.Output, StringComparison.Ordinal);
        Assert.Contains($"Would resubmit {retryable} of", text.Output, StringComparison.Ordinal);
        Assert.Contains("not retryable", text.Output, StringComparison.Ordinal);

        Assert.Equal(stored, await db.ScalarAsync<string>(Snapshot));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.reprocess_runs"));
        var callsAfter = scenario.Simulator.GetCounters();
        Assert.Equal((calls.ExecutionsCreated, calls.RequestsTo("runWorkflow")), (callsAfter.ExecutionsCreated, callsAfter.RequestsTo("runWorkflow")));
    }

    [Fact]
    public async Task The_command_narrows_by_workflow_batch_and_age_and_waits_for_the_new_attempts()
    {
        await using var scenario = await FailedBatch.StartAsync(postgres, 30);
        var db = scenario.Database;
        var invoices = await FailedBatch.FailedAsync(db, retryable: true, "extract-invoice");

        // Failures older than an hour are outside --since 1h: nothing qualifies.
        var recent = await CliRun.RunAsync(scenario.Settings, "reprocess", "--since", "1h", "--json");
        Assert.Equal(0, (long)recent.Json["resubmitted"]!);
        var unknown = await CliRun.RunAsync(scenario.Settings, "reprocess", "--batch", "no-such-batch");
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("--batch 'no-such-batch': no batch has this id or name", unknown.Output, StringComparison.Ordinal);
        var bad = await CliRun.RunAsync(scenario.Settings, "reprocess", "--since", "yesterday");
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);

        var run = await CliRun.RunAsync(scenario.Settings, "reprocess", "--workflow", "extract-invoice", "--batch", "nightly", "--since", "3h", "--wait", "--json");
        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.NotAllCompleted, run.ToString());
        Assert.Equal(invoices, (long)run.Json["resubmitted"]!);
        var counts = run.Json["counts"]!.AsObject();
        Assert.Equal(invoices, counts.Sum(c => (long)c.Value!));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE workflow = 'classify-text' AND attempt > 1"));
        Assert.Equal(invoices, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE workflow = 'extract-invoice' AND attempt = 2 AND state IN ('completed', 'failed', 'rejected')"));
    }
}
