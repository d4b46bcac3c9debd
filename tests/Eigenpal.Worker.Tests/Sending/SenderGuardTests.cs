using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Npgsql;

namespace Eigenpal.Worker.Tests.Sending;

/// <summary>
/// Endings are guarded: only an attempt still sending, of the submission's current attempt number,
/// is ended. A run request is held 1.5 s by the simulator so that something else can decide the
/// attempt while it is in flight.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SenderGuardTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    private static readonly Dictionary<string, string?> LongTimeout = new() { ["Eigenpal:Timeout"] = "00:00:10" };

    [Fact]
    public async Task A_late_ending_after_the_attempt_was_decided_elsewhere_is_a_no_op()
    {
        var harness = Harness(LongTimeout);
        var id = await RecordInvoiceAsync(1);
        Faults(new FaultOptions { LatencyMinMs = 1_500, LatencyMaxMs = 1_500, Endpoints = ["runWorkflow"] });

        var sending = harness.NewSender().SendAsync(id, CancellationToken.None);
        await Eventually.WaitAsync(() => AttemptCountAsync(id), n => n == 1, Patience, "the attempt to be committed");
        // While the request is in flight, the attempt is decided by someone else (an operator, another sender).
        await ExecuteAsync("""
            UPDATE eigenpal.executions SET status = 'undetermined', error = 'decided elsewhere', candidates = '{}' WHERE submission_id = @id;
            UPDATE eigenpal.submissions SET state = 'undetermined', state_reason = 'decided elsewhere' WHERE id = @id;
            """, id);
        await sending;

        Assert.Equal(1, Simulator.GetCounters().ExecutionsCreated);
        Assert.True(await AttemptAsync<bool>(id, "status = 'undetermined' AND remote_id IS NULL AND error = 'decided elsewhere' AND next_poll_at IS NULL"));
        Assert.Equal(("undetermined", "decided elsewhere"), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<string>(id, "state_reason")));
        Assert.Empty(await ChangesAsync(id));
    }

    [Fact]
    public async Task A_sender_that_loses_its_session_mid_send_leaves_the_attempt_to_another_which_reconciles_the_one_run()
    {
        var harness = Harness(LongTimeout);
        var id = await RecordInvoiceAsync(1);
        Faults(new FaultOptions { LatencyMinMs = 1_500, LatencyMaxMs = 1_500, Endpoints = ["runWorkflow"] });

        var first = harness.NewSender().SendAsync(id, CancellationToken.None);
        await Eventually.WaitAsync(() => AttemptCountAsync(id), n => n == 1, Patience, "the attempt to be committed");
        // The first sender's database session dies, and its advisory lock with it, while its request is in flight.
        await ExecuteAsync("""
            SELECT pg_terminate_backend(l.pid) FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """);
        var second = harness.NewSender();
        var taken = await Eventually.WaitAsync(() => second.SendAsync(id, CancellationToken.None), o => o != SendOutcome.Busy, Patience, "the lock to be free");

        Assert.Contains(taken, new[] { SendOutcome.AwaitingReconciliation, SendOutcome.Reconciled });
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => first);
        var outcome = taken == SendOutcome.Reconciled ? taken : await UntilDecidedAsync(() => second.SendAsync(id, CancellationToken.None), "the run to be found");

        Assert.Equal(SendOutcome.Reconciled, outcome);
        var remote = Assert.Single(await RemoteIdsAsync(harness));
        Assert.Equal(remote, await AttemptAsync<string>(id, "remote_id"));
        Assert.Equal(("running", 1), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<int>(id, "attempt")));
        Assert.Equal((1, 1), (Simulator.GetCounters().ExecutionsCreated, Simulator.GetCounters().RequestsTo("runWorkflow")));
    }
}
