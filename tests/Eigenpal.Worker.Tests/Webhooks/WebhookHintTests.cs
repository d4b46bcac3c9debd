using System.Net;
using System.Text.Json;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>
/// Issue 8, "Webhooks as hints": a verified event about a tracked run makes a real worker poll that run
/// at once, and nothing else. The event's own statuses are never recorded: only the poll is.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class WebhookHintTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_signed_event_makes_its_run_polled_at_once_and_only_the_poll_records_its_state()
    {
        await using var worker = await WebhookWorker.StartAsync(postgres);
        var runs = await worker.SendInvoicesAsync(2, "hint");
        var (hinted, other) = (runs[0], runs[1]);
        Assert.Equal(0, await worker.PollCountAsync(hinted));

        // The event claims the run completed; it is still running (ten minutes) on the service.
        var started = DateTimeOffset.UtcNow;
        using var response = await worker.DeliverAsync(SignedDelivery.Envelope("run.status_changed", hinted, "running", "completed"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hinted", await ReceiptAsync(response));

        await Eventually.WaitAsync(() => worker.PollCountAsync(hinted), polls => polls > 0, Prompt, "the hinted run to be polled",
            async () => worker.Scenario.WorkerOutputTail());
        var lag = DateTimeOffset.UtcNow - started;
        output.WriteLine($"event answered → run polled: {lag.TotalMilliseconds:0} ms (test probes every 200 ms)");
        Assert.True(lag < TimeSpan.FromSeconds(5), $"polled {lag.TotalSeconds:0.0} s after the event; the schedule says a minute");

        var status = await worker.Scenario.Database.ScalarAsync<string>($"SELECT status FROM eigenpal.executions WHERE remote_id = '{hinted}'");
        Assert.Contains(status, new[] { "created", "pending", "running" });
        Assert.Equal(0, await worker.Scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.status_changes WHERE to_status = 'completed'"));
        Assert.Equal(0, await worker.Scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'completed'"));
        Assert.Equal(0, await worker.PollCountAsync(other));
        Assert.Equal(1, worker.Scenario.Simulator.GetCounters().RequestsTo("runs.get"));
    }

    [Fact]
    public async Task Repeated_and_out_of_order_events_are_harmless_and_the_run_ends_as_polled()
    {
        // Runs of 4 s, polled a minute after their send unless an event says otherwise.
        await using var worker = await WebhookWorker.StartAsync(postgres, DurationOptions.Fixed(4000));
        var run = (await worker.SendInvoicesAsync(1, "order"))[0];

        // Out of order and twice each, at once: the terminal event first, then older ones.
        var events = new[] { ("running", "completed"), ("pending", "running"), ("created", "pending") }
            .Select(s => (Id: SignedDelivery.NewEventId(), Body: SignedDelivery.Envelope("run.status_changed", run, s.Item1, s.Item2)))
            .Append((Id: SignedDelivery.NewEventId(), Body: SignedDelivery.Envelope("run.created", run)))
            .ToList();
        var answers = await Task.WhenAll(events.Concat(events).Select(e => worker.DeliverAsync(e.Body, e.Id)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var receipts = await Task.WhenAll(answers.Select(ReceiptAsync));
        Assert.Equal(events.Count, receipts.Count(r => r == "duplicate"));

        await Eventually.WaitAsync(() => worker.PollCountAsync(run), polls => polls > 0, Prompt, "the run to be polled");
        Assert.NotEqual("completed", await worker.Scenario.Database.ScalarAsync<string>($"SELECT status FROM eigenpal.executions WHERE remote_id = '{run}'"));

        // The real end, announced by one more event: the poll records it, once, and later events find nothing to do.
        await Eventually.WaitAsync(
            async () =>
            {
                await worker.DeliverAsync(SignedDelivery.Envelope("run.status_changed", run, "running", "completed"));
                return await worker.Scenario.Database.ScalarAsync<string>($"SELECT status FROM eigenpal.executions WHERE remote_id = '{run}'");
            },
            status => status == "completed", TimeSpan.FromSeconds(20), "the run to be recorded completed");
        using var late = await worker.DeliverAsync(SignedDelivery.Envelope("run.status_changed", run, "created", "pending"));
        Assert.Equal("untrackedrun", await ReceiptAsync(late));

        var history = await worker.Scenario.Database.ColumnAsync<string>(
            $"SELECT to_status FROM eigenpal.status_changes c JOIN eigenpal.executions e ON e.id = c.execution_id WHERE e.remote_id = '{run}' ORDER BY c.id");
        Assert.Equal("completed", history[^1]);
        Assert.Single(history, s => s == "completed");
        Assert.Equal(history.Distinct().Count(), history.Count);
        Assert.Equal(1, await worker.Scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'completed' AND result IS NOT NULL"));
    }

    internal static async Task<string> ReceiptAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("receipt").GetString() ?? "";
    }
}
