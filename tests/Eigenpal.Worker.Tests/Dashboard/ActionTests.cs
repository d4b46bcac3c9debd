using System.Net;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>
/// Issue 10, proof: the dashboard's actions over real HTTP against a real worker process. Each is confirmed on
/// a page that says what will happen; a POST without the antiforgery token is refused (400) and changes nothing;
/// with it, the action goes through its door and is audited (who, from where, what came of it); a door's
/// refusal is shown with its reason. Requests come from this machine, which the default access lets act.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ActionTests(PostgresServer postgres)
{
    [Fact]
    public async Task Cancel_is_confirmed_refused_without_the_antiforgery_token_and_audited_when_posted()
    {
        await using var dashboard = await StartAsync(o => o.Workflows["classify-text"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Fixed((int)TimeSpan.FromMinutes(10).TotalMilliseconds), FailureRate = 0, RejectionRate = 0,
        });
        var db = dashboard.Scenario.Database;
        var one = await db.Intake.RecordBatchAsync("cancel-one", [SampleSubmissions.Text(0, "one"), SampleSubmissions.Text(1, "one")]);
        var all = await db.Intake.RecordBatchAsync("cancel-all", [.. Enumerable.Range(0, 3).Select(i => SampleSubmissions.Text(i, "all"))]);
        await Eventually.WaitAsync(() => db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'running'"),
            running => running == 5, TimeSpan.FromSeconds(60), "five runs in flight", async () => dashboard.Scenario.WorkerOutputTail());
        var target = one.Submissions[0].Id;
        var path = $"/submissions/{target}/cancel";

        var confirm = await dashboard.PageAsync(path);
        Assert.Contains("The API is asked to cancel execution", DashboardWorker.TextOf(confirm, "plan"), StringComparison.Ordinal);

        using (var forged = await dashboard.PostAsync(path, token: null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal("running", await StateAsync(db, target));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.dashboard_audit"));

        var (_, outcome) = await dashboard.ConfirmAsync(path);
        Assert.Contains(DashboardWorker.TextOf(outcome, "outcome"), new[] { "cancelled", "cancellation-requested" });
        await Eventually.WaitAsync(() => StateAsync(db, target), state => state == "cancelled", TimeSpan.FromSeconds(30), "the cancel to be recorded");
        Assert.Equal("running", await StateAsync(db, one.Submissions[1].Id));
        Assert.Equal("local|127.0.0.1|cancel-submission|submission", await db.ScalarAsync<string>(
            $"SELECT actor || '|' || remote_ip || '|' || action || '|' || target_kind FROM eigenpal.dashboard_audit WHERE target_id = '{target}'"));

        // Cancelled now: the confirm page says there is nothing left to do, and offers no button.
        var again = await dashboard.PageAsync(path);
        Assert.Contains("there is nothing to cancel", DashboardWorker.TextOf(again, "plan"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", again, StringComparison.Ordinal);

        // A batch: every unfinished submission, each audited on itself, the whole on the batch.
        var batchPath = $"/batches/{all.BatchId}/cancel";
        Assert.Contains("3 unfinished submission(s)", DashboardWorker.TextOf(await dashboard.PageAsync(batchPath), "plan"), StringComparison.Ordinal);
        var (_, batchOutcome) = await dashboard.ConfirmAsync(batchPath);
        Assert.Equal("cancelled", DashboardWorker.TextOf(batchOutcome, "outcome"));
        await Eventually.WaitAsync(() => db.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.submissions WHERE batch_id = '{all.BatchId}' AND state = 'cancelled'"),
            cancelled => cancelled == 3, TimeSpan.FromSeconds(30), "the batch's cancels to be recorded");
        Assert.Equal(3, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM eigenpal.dashboard_audit a JOIN eigenpal.submissions s ON s.id = a.target_id WHERE s.batch_id = '{all.BatchId}' AND a.action = 'cancel-batch'"));
        Assert.Equal(1, await db.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.dashboard_audit WHERE target_id = '{all.BatchId}' AND target_kind = 'batch'"));
        Assert.Equal("running", await StateAsync(db, one.Submissions[1].Id));
    }

    [Fact]
    public async Task Resubmit_reopens_a_failed_submission_through_the_reprocess_door_and_a_completed_one_is_refused_with_why()
    {
        await using var dashboard = await StartAsync(o =>
        {
            o.Workflows["extract-invoice"].FailureRate = 0.5;
            o.Workflows["classify-text"].FailureRate = 0.5;
        });
        var db = dashboard.Scenario.Database;
        await db.Intake.RecordBatchAsync("resubmit", SampleSubmissions.Mixed(16, "resubmit"));
        await dashboard.Scenario.WaitForAllFinalAsync(16, TimeSpan.FromSeconds(90));
        var failed = await db.ScalarAsync<Guid>("""
            SELECT s.id FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.state = 'failed' AND e.retryable IS DISTINCT FROM false ORDER BY s.created_at LIMIT 1
            """);
        var completed = await db.ScalarAsync<Guid>("SELECT id FROM eigenpal.submissions WHERE state = 'completed' ORDER BY created_at LIMIT 1");
        var path = $"/submissions/{failed}/resubmit";

        Assert.Contains("goes back to pending", DashboardWorker.TextOf(await dashboard.PageAsync(path), "plan"), StringComparison.Ordinal);
        using (var forged = await dashboard.PostAsync(path, token: null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal("failed", await StateAsync(db, failed));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.dashboard_audit"));

        var (_, outcome) = await dashboard.ConfirmAsync(path);
        Assert.Equal("resubmitted", DashboardWorker.TextOf(outcome, "outcome"));
        Assert.Equal(1, await db.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.dashboard_audit WHERE target_id = '{failed}' AND action = 'resubmit' AND outcome = 'resubmitted'"));
        // The next attempt is made by the sender, with the reason the door recorded.
        var because = await Eventually.WaitAsync(
            () => db.ScalarAsync<string?>($"SELECT made_because FROM eigenpal.executions WHERE submission_id = '{failed}' AND attempt = 2"),
            made => made is not null, TimeSpan.FromSeconds(30), "the second attempt", async () => dashboard.Scenario.WorkerOutputTail());
        Assert.StartsWith("resubmitted now by local (dashboard, 127.0.0.1)", because, StringComparison.Ordinal);

        // A completed submission: the confirm page explains the refusal and offers nothing; a POST anyway is refused and audited.
        var completedPath = $"/submissions/{completed}/resubmit";
        var refusedPage = await dashboard.PageAsync(completedPath);
        Assert.Contains("it is completed: only a failed submission can be resubmitted", DashboardWorker.TextOf(refusedPage, "plan"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", refusedPage, StringComparison.Ordinal);
        // Any form of the dashboard carries a token good for this client; the refusal page has none.
        var token = DashboardWorker.TokenOf(await dashboard.PageAsync("/reprocessing/trigger"));
        using (var refused = await dashboard.PostAsync(completedPath, token))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var page = await dashboard.PageAsync(refused.Headers.Location!.OriginalString);
            Assert.Equal("refused", DashboardWorker.TextOf(page, "outcome"));
            Assert.Contains("only a failed submission can be resubmitted", DashboardWorker.TextOf(page, "detail"), StringComparison.Ordinal);
        }

        Assert.Equal("completed|1", await db.ScalarAsync<string>($"SELECT state || '|' || attempt FROM eigenpal.submissions WHERE id = '{completed}'"));

        // Reprocessing: what a run now would take, and a run triggered from the dashboard shows in the history.
        var reprocessing = await dashboard.PageAsync("/reprocessing");
        Assert.Contains("What a run now would take", reprocessing, StringComparison.Ordinal);
        Assert.Contains("No run yet", reprocessing, StringComparison.Ordinal);
        var (_, triggered) = await dashboard.ConfirmAsync("/reprocessing/trigger");
        Assert.Equal("triggered", DashboardWorker.TextOf(triggered, "outcome"));
        await Eventually.WaitAsync(() => db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.reprocess_runs WHERE trigger = 'dashboard' AND finished_at IS NOT NULL"),
            runs => runs == 1, TimeSpan.FromSeconds(30), "the triggered run's report", async () => dashboard.Scenario.WorkerOutputTail());
        Assert.DoesNotContain("No run yet", await dashboard.PageAsync("/reprocessing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_offers_the_candidates_adopts_the_chosen_execution_and_refuses_one_already_taken()
    {
        // Both runs are created but their responses lost, and list items echo nothing: the two lost attempts
        // and the two executions in their windows cannot be told apart (as in ResolveTests).
        await using var dashboard = await StartAsync(o =>
        {
            o.Faults = new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] };
            o.Modes.FileEcho = FileEchoMode.None;
        }, s => s["Eigenpal__Sender__UnknownOutcomeSettleTime"] = "00:00:02");
        var db = dashboard.Scenario.Database;
        var recorded = await db.Intake.RecordBatchAsync("undecided", [SampleSubmissions.Invoice(0, "undecided"), SampleSubmissions.Invoice(2, "undecided")]);
        await dashboard.Scenario.WaitForAllFinalAsync(2, TimeSpan.FromSeconds(60));
        var (first, second) = (recorded.Submissions[0].Id, recorded.Submissions[1].Id);
        var candidates = Assert.Single(await db.ColumnAsync<string[]>(
            $"SELECT candidates FROM eigenpal.executions WHERE submission_id = '{first}' AND status = 'undetermined'"));

        var path = $"/submissions/{first}/settle";
        var page = await dashboard.PageAsync(path);
        Assert.All(candidates, candidate => Assert.Contains($"value=\"{candidate}\"", page, StringComparison.Ordinal));
        using (var forged = await dashboard.PostAsync(path, token: null, ("Choice", candidates[0])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal("undetermined", await StateAsync(db, first));

        var (_, outcome) = await dashboard.ConfirmAsync(path, ("Choice", candidates[0]), ("Reason", "checked in Studio"));
        Assert.Equal("settled", DashboardWorker.TextOf(outcome, "outcome"));
        Assert.Equal(1, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM eigenpal.status_changes c JOIN eigenpal.executions e ON e.id = c.execution_id WHERE e.submission_id = '{first}' " +
            "AND c.from_status = 'undetermined' AND c.observed_by = 'local (dashboard, 127.0.0.1)' AND c.detail LIKE '%adopted execution%checked in Studio%'"));
        Assert.Equal(1, await db.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.dashboard_audit WHERE target_id = '{first}' AND action = 'settle' AND outcome = 'settled'"));

        // The same execution cannot be the second one's run: refused, with why, and audited.
        var (_, taken) = await dashboard.ConfirmAsync($"/submissions/{second}/settle", ("Choice", candidates[0]));
        Assert.Equal("refused", DashboardWorker.TextOf(taken, "outcome"));
        Assert.Contains("already recorded for another attempt", DashboardWorker.TextOf(taken, "detail"), StringComparison.Ordinal);
        Assert.Equal("undetermined", await StateAsync(db, second));

        // Its request created nothing: it is sent again.
        dashboard.Scenario.Simulator.SetFaults(new FaultOptions());
        var (_, notSent) = await dashboard.ConfirmAsync($"/submissions/{second}/settle", ("Choice", "not-sent"), ("Reason", "the other one is someone else's"));
        Assert.Equal("settled", DashboardWorker.TextOf(notSent, "outcome"));
        await Eventually.WaitAsync(() => db.ScalarAsync<int>($"SELECT attempt FROM eigenpal.submissions WHERE id = '{second}'"),
            attempt => attempt == 2, TimeSpan.FromSeconds(30), "the second attempt");
    }

    private async Task<DashboardWorker> StartAsync(Action<SimulatorOptions> simulator, Action<Dictionary<string, string>>? settings = null)
    {
        var scenario = await WorkerScenario.StartAsync(postgres, simulator);
        settings?.Invoke(scenario.Settings);
        return await DashboardWorker.StartAsync(scenario);
    }

    private static Task<string> StateAsync(TrackingDatabase db, Guid id) =>
        db.ScalarAsync<string>($"SELECT state FROM eigenpal.submissions WHERE id = '{id}'");
}
