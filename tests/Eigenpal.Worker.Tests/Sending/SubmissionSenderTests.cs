using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Npgsql;

namespace Eigenpal.Worker.Tests.Sending;

/// <summary>
/// The sender in process, one test per way a send can end without reconciliation: accepted, 429,
/// refused by the API, the API unreachable, failures before the request leaves, held elsewhere.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SubmissionSenderTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    [Fact]
    public async Task An_accepted_run_is_recorded_with_a_window_holding_its_creation_time()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);

        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));

        var remoteId = await AttemptAsync<string>(id, "remote_id");
        var created = (await harness.NewClient().Workflows.Executions.GetAsync(remoteId)).CreatedAt;
        Assert.InRange(created, await AttemptAsync<DateTimeOffset>(id, "window_from"), await AttemptAsync<DateTimeOffset>(id, "window_to"));
        // The request timeout (2 s) plus the margin (5 s) for the client's own retries of a refused connection.
        Assert.Equal(TimeSpan.FromSeconds(7), await AttemptAsync<TimeSpan>(id, "deadline_at - sent_at"));
        Assert.Equal(("created", 1), (await AttemptAsync<string>(id, "status"), await AttemptAsync<int>(id, "attempt")));
        Assert.True(await AttemptAsync<bool>(id, "candidates IS NULL AND reconcile_since IS NULL AND next_poll_at IS NOT NULL"));
        Assert.Equal(("running", 1, 0), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<int>(id, "attempt"), await SubmissionAsync<int>(id, "send_failures")));
        Assert.Equal(["1:sending>created:run accepted"], await ChangesAsync(id));
        var counters = Simulator.GetCounters();
        Assert.Equal((1, 1), (counters.ExecutionsCreated, counters.RequestsTo("runWorkflow")));
        Assert.Equal(SendOutcome.AlreadyHandled, await harness.NewSender().SendAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_429_forgets_the_attempt_and_waits_out_Retry_After_without_counting_a_failure()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);
        // One token per 100 s, spent on a workflow list: the run is answered 429 with Retry-After: 100.
        Faults(new FaultOptions { RateLimitPerSecond = 0.01, RateLimitBurst = 1, Endpoints = ["runWorkflow", "listWorkflows"] });
        await harness.NewClient().Workflows.ListAsync();

        Assert.Equal(SendOutcome.Deferred, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal(0, await AttemptCountAsync(id));
        Assert.Equal(("pending", 0, "rate limited (429)", 0), (
            await SubmissionAsync<string>(id, "state"), await SubmissionAsync<int>(id, "attempt"),
            await SubmissionAsync<string>(id, "state_reason"), await SubmissionAsync<int>(id, "send_failures")));
        Assert.InRange(await SubmissionAsync<double>(id, "EXTRACT(EPOCH FROM not_before - now())::float8"), 98, 100.5);
        Assert.InRange(await ScalarAsync<double>("SELECT EXTRACT(EPOCH FROM paused_until - now())::float8 FROM eigenpal.api_rate_limit"), 98, 100.5);
        var counters = Simulator.GetCounters();
        Assert.Equal((0, 1, 1), (counters.ExecutionsCreated, counters.RateLimited, counters.RequestsTo("runWorkflow")));

        // Not due: nothing is sent before Retry-After has passed.
        Assert.Equal(SendOutcome.Deferred, await harness.NewSender().SendAsync(id, CancellationToken.None));
        Assert.Equal(1, Simulator.GetCounters().RequestsTo("runWorkflow"));
    }

    [Fact]
    public async Task A_refusal_by_the_api_ends_the_submission_in_error_with_the_reason()
    {
        var harness = Harness();
        var id = (await Database.Intake.RecordBatchAsync(null, [new NewSubmission { Workflow = "archived-flow", Input = new JsonObject { ["n"] = 1 } }])).Submissions[0].Id;

        Assert.Equal(SendOutcome.Refused, await harness.NewSender().SendAsync(id, CancellationToken.None));

        var reason = await SubmissionAsync<string>(id, "state_reason");
        Assert.StartsWith("403 API triggering is disabled for workflow 'archived-flow'.", reason, StringComparison.Ordinal);
        Assert.Equal("error", await SubmissionAsync<string>(id, "state"));
        Assert.Equal(("refused", reason), (await AttemptAsync<string>(id, "status"), await AttemptAsync<string>(id, "error")));
        Assert.True(await AttemptAsync<bool>(id, "remote_id IS NULL AND request_id IS NOT NULL"));
        Assert.Equal([$"1:sending>refused:{reason}"], await ChangesAsync(id));
        Assert.Equal(SendOutcome.AlreadyHandled, await harness.NewSender().SendAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_api_delays_the_submission_and_counts_only_for_its_backoff()
    {
        var harness = Harness(baseUrl: ClosedPort());
        var id = await RecordInvoiceAsync(1);

        Assert.Equal(SendOutcome.Deferred, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal(0, await AttemptCountAsync(id));
        // Counted for the backoff, under its own kind, but an outage never ends a submission.
        Assert.Equal(("pending", 0, 1), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<int>(id, "attempt"), await SubmissionAsync<int>(id, "send_failures")));
        Assert.Equal("api-unreachable", await SubmissionAsync<string>(id, "last_send_failure"));
        Assert.StartsWith("not sent: API unreachable: ", await SubmissionAsync<string>(id, "state_reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consecutive_sends_to_an_unreachable_api_back_off()
    {
        var harness = Harness(new Dictionary<string, string?> { ["Eigenpal:Sender:TransientRetryDelay"] = "00:00:01" }, ClosedPort());
        var id = await RecordInvoiceAsync(1);
        var delays = new List<double>();
        // More tries than MaxSendFailures (5): an outage delays, with a doubling backoff, and never ends the submission.
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(SendOutcome.Deferred, await harness.NewSender().SendAsync(id, CancellationToken.None));
            delays.Add(Math.Round(await SubmissionAsync<double>(id, "EXTRACT(EPOCH FROM not_before - now())::float8")));
            await ExecuteAsync("UPDATE eigenpal.submissions SET not_before = now() WHERE id = @id", id);
        }

        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 32, 64 }, delays);
        Assert.Equal(("pending", 7), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<int>(id, "send_failures")));
    }

    [Fact]
    public async Task Failures_before_the_request_leaves_end_the_submission_in_error_after_five_in_a_row()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);
        // The fleet limiter's row is gone: every slot reservation throws before any attempt exists.
        await ExecuteAsync("DELETE FROM eigenpal.api_rate_limit");

        for (var failures = 1; failures < 5; failures++)
        {
            Assert.Equal(SendOutcome.Deferred, await harness.NewSender().SendAsync(id, CancellationToken.None));
            Assert.Equal((failures, "rate-limiter-unavailable", "pending"), (
                await SubmissionAsync<int>(id, "send_failures"), await SubmissionAsync<string>(id, "last_send_failure"), await SubmissionAsync<string>(id, "state")));
        }

        Assert.Equal(SendOutcome.Refused, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal("error", await SubmissionAsync<string>(id, "state"));
        Assert.StartsWith(
            "not sent after 5 failures in a row: the shared rate limit could not be read: The rate limit row is missing",
            await SubmissionAsync<string>(id, "state_reason"), StringComparison.Ordinal);
        Assert.Equal((0, 5), (await SubmissionAsync<int>(id, "attempt"), await SubmissionAsync<int>(id, "send_failures")));
        Assert.Equal(0, await AttemptCountAsync(id));
        Assert.Equal(0, Simulator.GetCounters().RequestsTo("runWorkflow"));
        Assert.Equal(SendOutcome.AlreadyHandled, await harness.NewSender().SendAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_successful_send_resets_the_count_of_failures_before_sending()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);
        await ExecuteAsync("DELETE FROM eigenpal.api_rate_limit");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SendOutcome.Deferred, await harness.NewSender().SendAsync(id, CancellationToken.None));
        }

        Assert.Equal(3, await SubmissionAsync<int>(id, "send_failures"));
        await ExecuteAsync("INSERT INTO eigenpal.api_rate_limit (name) VALUES ('default')");

        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.True(await SubmissionAsync<bool>(id, "send_failures = 0 AND last_send_failure IS NULL AND state = 'running'"));
    }

    [Fact]
    public async Task A_submission_another_sender_holds_is_busy_and_left_alone()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);
        await using (var holder = await Database.DataSource.OpenConnectionAsync())
        {
            await using var hold = new NpgsqlCommand("SELECT pg_advisory_lock(@ns, hashtext(@id::text))", holder);
            hold.Parameters.AddWithValue("ns", 0x6570_0001); // SubmissionSendStore's lock namespace
            hold.Parameters.AddWithValue("id", id);
            await hold.ExecuteNonQueryAsync();

            Assert.Equal(SendOutcome.Busy, await harness.NewSender().SendAsync(id, CancellationToken.None));
            Assert.Equal(0, await AttemptCountAsync(id));

            // A pooled connection keeps its session (and the lock) when returned: release it explicitly.
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@ns, hashtext(@id::text))", holder);
            release.Parameters.AddWithValue("ns", 0x6570_0001);
            release.Parameters.AddWithValue("id", id);
            await release.ExecuteNonQueryAsync();
        }

        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_window_is_narrowed_by_the_api_clock_offset_earlier_answers_of_this_process_measured()
    {
        var harness = Harness();
        var first = await RecordInvoiceAsync(1);
        var second = await RecordInvoiceAsync(2);
        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(first, CancellationToken.None));

        // The next job of this process resolves its own sender, as SubmitChunkJob does.
        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(second, CancellationToken.None));

        // Unmeasured, the window is timeout + 2 × (UnmeasuredClockSkew 2 min + margin 5 s) = 252 s; measured, about 2 + 2 × (1 + 5) s.
        Assert.InRange(await AttemptAsync<TimeSpan>(first, "window_to - window_from"), TimeSpan.FromSeconds(251), TimeSpan.FromSeconds(253));
        Assert.InRange(await AttemptAsync<TimeSpan>(second, "window_to - window_from"), TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
