using System.Text.Json.Nodes;
using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Sending;

/// <summary>
/// The sender when a run's outcome is unknown (a timeout, a 5xx, a response lost after the run was
/// created): it reconciles by listing the attempt's window and never sends again until the run's
/// absence is proven, against every echo shape the simulator can produce.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SenderReconciliationTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    [Fact]
    public async Task A_timed_out_run_is_reconciled_and_sent_again_only_once_its_absence_is_proven()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        var id = await RecordInvoiceAsync(1);
        Faults(new FaultOptions { HangRate = 1, Endpoints = ["runWorkflow"] });

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));

        Assert.Equal(("sending", 1), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<int>(id, "attempt")));
        Assert.True(await AttemptAsync<bool>(id, "status = 'sending' AND remote_id IS NULL AND reconcile_since IS NOT NULL"));
        Assert.Equal((1, 0), (Simulator.GetCounters().Hung, Simulator.GetCounters().ExecutionsCreated));

        Faults(new FaultOptions());
        Assert.Equal(SendOutcome.Deferred, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the timed-out attempt to be decided"));

        var reason = await AttemptAsync<string>(id, "error", attempt: 1);
        Assert.StartsWith("no execution that could be attempt 1's run exists in its window", reason, StringComparison.Ordinal);
        Assert.Equal("not-created", await AttemptAsync<string>(id, "status", attempt: 1));
        Assert.Equal(("pending", reason), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<string>(id, "state_reason")));
        Assert.Equal(1, Simulator.GetCounters().RequestsTo("runWorkflow"));

        Assert.Equal(SendOutcome.Sent, await sender.SendAsync(id, CancellationToken.None));

        Assert.True(await AttemptAsync<bool>(id, """
            attempt = 2 AND remote_id IS NOT NULL
            AND previous_execution_id = (SELECT p.id FROM eigenpal.executions p WHERE p.submission_id = e.submission_id AND p.attempt = 1)
            """));
        Assert.Equal([$"1:sending>not-created:{reason}", "2:sending>created:run accepted"], await ChangesAsync(id));
        Assert.Equal((1, 2), (Simulator.GetCounters().ExecutionsCreated, Simulator.GetCounters().RequestsTo("runWorkflow")));
    }

    [Fact]
    public async Task A_5xx_answer_to_a_run_is_reconciled_and_never_resent_while_the_outcome_is_open()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);
        Faults(new FaultOptions { ServerErrorRate = 1, Endpoints = ["runWorkflow"] });

        Assert.Equal(SendOutcome.AwaitingReconciliation, await harness.NewSender().SendAsync(id, CancellationToken.None));
        Assert.Equal(SendOutcome.AwaitingReconciliation, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal("sending", await SubmissionAsync<string>(id, "state"));
        Assert.True(await AttemptAsync<bool>(id, "status = 'sending' AND remote_id IS NULL AND reconcile_since IS NOT NULL AND reconcile_failures = 0"));
        // Looked at again when the settle time is over, not before and not much later.
        Assert.InRange(await SubmissionAsync<double>(id, "EXTRACT(EPOCH FROM relay_at - now())::float8"), 0, 1);
        var counters = Simulator.GetCounters();
        Assert.Equal((1, 0, 1), (counters.ServerErrors, counters.ExecutionsCreated, counters.RequestsTo("runWorkflow")));
        Assert.Equal(2, counters.RequestsTo("listExecutions"));
    }

    [Theory]
    [InlineData(FileEchoMode.NameAndSize, "same file name and size, the only such execution")]
    [InlineData(FileEchoMode.NameOnly, "same file name, the only such execution")]
    [InlineData(FileEchoMode.StorageReference, "the only unclaimed execution in its window, for the only unresolved attempt")]
    [InlineData(FileEchoMode.None, "the only unclaimed execution in its window, for the only unresolved attempt")]
    public async Task A_lost_response_without_a_hash_echoed_is_reconciled_once_the_settle_time_is_over(FileEchoMode echo, string why)
    {
        var harness = Harness();
        var sender = harness.NewSender();
        var others = new[] { await RecordInvoiceAsync(1), await RecordInvoiceAsync(2) };
        foreach (var other in others)
        {
            Assert.Equal(SendOutcome.Sent, await sender.SendAsync(other, CancellationToken.None));
        }

        var id = await RecordInvoiceAsync(3);
        Modes(m => m.FileEcho = echo);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Assert.Equal(SendOutcome.Reconciled, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the lost run to be found"));

        var claimed = new List<string>();
        foreach (var other in others)
        {
            claimed.Add(await AttemptAsync<string>(other, "remote_id"));
        }

        var lost = Assert.Single((await RemoteIdsAsync(harness)).Except(claimed));
        Assert.Equal(lost, await AttemptAsync<string>(id, "remote_id"));
        Assert.Equal("running", await SubmissionAsync<string>(id, "state"));
        // The run's status when it was found (created, or pending by then) is the one recorded.
        var status = await AttemptAsync<string>(id, "status");
        Assert.True(status is "created" or "pending", status);
        Assert.Equal($"1:sending>{status}:reconciled: run found by listing the workflow's executions ({why})", Assert.Single(await ChangesAsync(id)));
        // Adopted on less than a hash only after the settle time (1 s) counted from the first pass.
        Assert.True(await AttemptAsync<bool>(id, """
            remote_created_at IS NOT NULL AND (SELECT c.changed_at FROM eigenpal.status_changes c WHERE c.execution_id = e.id) >= reconcile_since + interval '1 second'
            """));
        var counters = Simulator.GetCounters();
        Assert.Equal((3, 1, 3), (counters.ExecutionsCreated, counters.LostResponses, counters.RequestsTo("runWorkflow")));
    }

    [Fact]
    public async Task A_lost_response_is_reconciled_at_once_when_the_echo_carries_the_files_hash()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });

        Assert.Equal(SendOutcome.Reconciled, await harness.NewSender().SendAsync(id, CancellationToken.None));

        var remote = Assert.Single((await harness.NewClient().Workflows.Executions.ListAsync(Workflow)).Data);
        Assert.Equal(remote.Id, await AttemptAsync<string>(id, "remote_id"));
        Assert.Equal(remote.CreatedAt, await AttemptAsync<DateTimeOffset>(id, "remote_created_at"));
        Assert.Equal("running", await SubmissionAsync<string>(id, "state"));
        Assert.Equal(
            [$"1:sending>{await AttemptAsync<string>(id, "status")}:reconciled: run found by listing the workflow's executions (its echo proves it: same content)"],
            await ChangesAsync(id));
        Assert.Equal((1, 1), (Simulator.GetCounters().ExecutionsCreated, Simulator.GetCounters().LostResponses));
    }

    [Fact]
    public async Task A_run_proven_absent_from_a_window_holding_only_other_clients_look_alikes_is_sent_again()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        // Another client runs a look-alike (same names, other bytes) after every run: the window is full of near misses.
        Modes(m =>
        {
            m.FileEcho = FileEchoMode.NameOnly;
            m.LookAlikeRate = 1;
        });
        var others = new[] { await RecordInvoiceAsync(1), await RecordInvoiceAsync(2) };
        foreach (var other in others)
        {
            Assert.Equal(SendOutcome.Sent, await sender.SendAsync(other, CancellationToken.None));
        }

        var id = await RecordInvoiceAsync(3);
        Faults(new FaultOptions { ServerErrorRate = 1, Endpoints = ["runWorkflow"] });
        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Faults(new FaultOptions());
        await Eventually.WaitAsync(() => RemoteIdsAsync(harness), ids => ids.Count == 4, Patience, "both look-alikes to exist");

        Assert.Equal(SendOutcome.Deferred, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the run's absence to be proven"));
        Assert.Equal("not-created", await AttemptAsync<string>(id, "status", attempt: 1));
        Assert.Equal(SendOutcome.Sent, await sender.SendAsync(id, CancellationToken.None));

        var counters = Simulator.GetCounters();
        Assert.Equal((3, 0), (counters.ExecutionsCreated, counters.DuplicateInputExecutions));
    }

    [Fact]
    public async Task Two_lost_runs_of_files_with_the_same_name_are_both_undetermined_naming_both_candidates()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        Modes(m => m.FileEcho = FileEchoMode.NameOnly);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });
        var first = await RecordFileAsync("scan.pdf", "the first scan");
        var second = await RecordFileAsync("scan.pdf", "the second scan, other bytes");
        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(first, CancellationToken.None));
        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(second, CancellationToken.None));

        Assert.Equal(SendOutcome.Undetermined, await UntilDecidedAsync(() => sender.SendAsync(first, CancellationToken.None), "the first lost attempt to be decided"));
        Assert.Equal(SendOutcome.Undetermined, await UntilDecidedAsync(() => sender.SendAsync(second, CancellationToken.None), "the second lost attempt to be decided"));

        var created = (await RemoteIdsAsync(harness)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, created.Length);
        foreach (var id in new[] { first, second })
        {
            Assert.Equal(("undetermined", "undetermined"), (await SubmissionAsync<string>(id, "state"), await AttemptAsync<string>(id, "status")));
            Assert.Equal(created, (await AttemptAsync<string[]>(id, "candidates")).Order(StringComparer.Ordinal));
            var reason = await SubmissionAsync<string>(id, "state_reason");
            Assert.Contains("2 executions in its window fit its input (same file name) and none can be told apart", reason, StringComparison.Ordinal);
            Assert.Contains("settle it with `eigenpal resolve`", reason, StringComparison.Ordinal);
            Assert.All(created, c => Assert.Contains(c, reason, StringComparison.Ordinal));
        }

        Assert.Equal(SendOutcome.AlreadyHandled, await sender.SendAsync(first, CancellationToken.None));
        Assert.Equal((2, 2, 2), (Simulator.GetCounters().ExecutionsCreated, Simulator.GetCounters().LostResponses, Simulator.GetCounters().RequestsTo("runWorkflow")));
    }

    [Fact]
    public async Task A_lost_run_whose_large_number_input_a_javascript_server_rounds_is_reconciled_not_sent_twice()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        Modes(m => m.ReserializeScalars = true); // JSON.stringify(JSON.parse(…)): 9007199254740993 comes back as 9007199254740992
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });
        var id = await RecordFileAsync("invoice.pdf", "an invoice", new JsonObject { ["customer_id"] = 9007199254740993 });

        var outcome = await sender.SendAsync(id, CancellationToken.None);
        if (outcome == SendOutcome.AwaitingReconciliation)
        {
            Faults(new FaultOptions());
            outcome = await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the lost run to be decided");
            if (outcome == SendOutcome.Deferred)
            {
                await sender.SendAsync(id, CancellationToken.None); // what the relay does next with a run "proven" absent
            }
        }

        // Its own run carries the same file hash; the rounded number is the server's re-serialisation, not another input.
        var counters = Simulator.GetCounters();
        Assert.Equal((SendOutcome.Reconciled, 1L, 0L), (outcome, counters.ExecutionsCreated, counters.DuplicateInputExecutions));
    }

    [Fact]
    public async Task A_reconciliation_undecided_for_MaxReconcileDuration_ends_undetermined_naming_what_it_found()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        Modes(m => m.FileEcho = FileEchoMode.None);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });
        var id = await RecordInvoiceAsync(1);
        var rival = await RecordInvoiceAsync(2);
        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        // Another submission's request is in flight in the same window, and with a silent echo it may own the one candidate.
        await ExecuteAsync("""
            UPDATE eigenpal.submissions SET state = 'sending', attempt = 1 WHERE id = @id;
            INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, status, sent_at, window_from, window_to, deadline_at)
            VALUES (gen_random_uuid(), @id, 1, 'extract-invoice', 'sending', now(), now() - interval '1 minute', now() + interval '1 minute', now() + interval '10 minutes');
            """, rival);
        await Eventually.WaitAsync(
            () => AttemptAsync<bool>(id, "now() >= deadline_at AND now() - reconcile_since >= interval '1 second'"), settled => settled, Patience, "the settle time to pass");

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Assert.InRange(await SubmissionAsync<double>(id, "EXTRACT(EPOCH FROM relay_at - now())::float8"), 0, 0.1);

        // Still undecidable an hour after reconciliation began (MaxReconcileDuration): an operator decides.
        await ExecuteAsync("UPDATE eigenpal.executions SET reconcile_since = now() - interval '61 minutes' WHERE submission_id = @id", id);
        Assert.Equal(SendOutcome.Undetermined, await sender.SendAsync(id, CancellationToken.None));

        var reason = await SubmissionAsync<string>(id, "state_reason");
        Assert.Contains($"reconciliation could not decide for 60 min (attempt 1 of submission {rival} is still being sent and may own a candidate)", reason, StringComparison.Ordinal);
        Assert.Equal(("undetermined", "undetermined"), (await SubmissionAsync<string>(id, "state"), await AttemptAsync<string>(id, "status")));
        var candidate = Assert.Single(await RemoteIdsAsync(harness));
        // DESIGN.md: an undetermined submission "names the candidates" for the operator who settles it.
        Assert.Equal(new[] { candidate }, await AttemptAsync<string[]>(id, "candidates"));
    }
}
