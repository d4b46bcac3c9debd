using System.Net;
using System.Text;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>
/// Issue 8, proof: "a forged, stale or replayed event is refused and changes nothing". Every delivery
/// here reaches a real worker over HTTP; the tracking tables are compared before and after.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class WebhookRefusalTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Forged_stale_altered_and_malformed_deliveries_are_refused_and_change_nothing()
    {
        // A tolerance below the library's fixed 5 min, to show the setting is honoured.
        await using var worker = await WebhookWorker.StartAsync(postgres, configure: s => s.Settings["Eigenpal__Webhooks__Tolerance"] = "00:01:00");
        var run = (await worker.SendInvoicesAsync(1, "refuse"))[0];
        var before = await worker.SnapshotAsync();
        var body = SignedDelivery.Envelope("run.status_changed", run, "running", "completed");
        var now = DateTimeOffset.UtcNow;

        var refusals = new (string What, HttpRequestMessage Request, HttpStatusCode Expected)[]
        {
            ("signed with another secret", SignedDelivery.Request(worker.Endpoint, SignedDelivery.NewSecret(), SignedDelivery.NewEventId(), body), HttpStatusCode.Unauthorized),
            ("body altered after signing", SignedDelivery.Request(worker.Endpoint, worker.Secret, SignedDelivery.NewEventId(), body,
                sentBody: Encoding.UTF8.GetBytes(body.Replace(run, run + "x", StringComparison.Ordinal))), HttpStatusCode.Unauthorized),
            ("stale beyond the library's 5 min", SignedDelivery.Request(worker.Endpoint, worker.Secret, SignedDelivery.NewEventId(), body, now.AddSeconds(-301)), HttpStatusCode.Unauthorized),
            ("stale beyond the configured 1 min", SignedDelivery.Request(worker.Endpoint, worker.Secret, SignedDelivery.NewEventId(), body, now.AddSeconds(-90)), HttpStatusCode.Unauthorized),
            ("from the future", SignedDelivery.Request(worker.Endpoint, worker.Secret, SignedDelivery.NewEventId(), body, now.AddSeconds(90)), HttpStatusCode.Unauthorized),
            ("no signature headers", new HttpRequestMessage(HttpMethod.Post, worker.Endpoint) { Content = new StringContent(body) }, HttpStatusCode.BadRequest),
            ("signed, but not an event", SignedDelivery.Request(worker.Endpoint, worker.Secret, SignedDelivery.NewEventId(), "[1,2,3]"), HttpStatusCode.BadRequest),
        };
        foreach (var (what, request, expected) in refusals)
        {
            using (request)
            using (var response = await worker.Http.SendAsync(request))
            {
                Assert.True(expected == response.StatusCode, $"{what}: answered {(int)response.StatusCode}, expected {(int)expected}");
            }
        }

        // Test sends are acknowledged and ignored, as are events about runs this store does not track.
        using (var test = await worker.DeliverAsync(SignedDelivery.Envelope("run.status_changed", run, "running", "completed", test: true)))
        {
            Assert.Equal("ignored", await WebhookHintTests.ReceiptAsync(test));
        }

        using (var unknown = await worker.DeliverAsync(SignedDelivery.Envelope("run.status_changed", "exec_not_ours", "running", "completed")))
        {
            Assert.Equal("untrackedrun", await WebhookHintTests.ReceiptAsync(unknown));
        }

        Assert.Equal(before, await worker.SnapshotAsync());
        Assert.Equal(0, worker.Scenario.Simulator.GetCounters().RequestsTo("runs.get"));
        Assert.Equal(["exec_not_ours"], await worker.Scenario.Database.ColumnAsync<string>("SELECT run_id FROM eigenpal.webhook_events"));
        AssertSecretNowhere(worker, await worker.Scenario.Database.RowsContainingAsync(worker.Secret["whsec_".Length..]));
    }

    [Fact]
    public async Task A_replayed_event_id_is_acknowledged_and_changes_nothing()
    {
        await using var worker = await WebhookWorker.StartAsync(postgres);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = await worker.SendInvoicesAsync(2, "replay");
        output.WriteLine($"worker up and runs sent after {clock.ElapsedMilliseconds} ms");
        var eventId = SignedDelivery.NewEventId();
        var body = SignedDelivery.Envelope("run.status_changed", runs[0], "pending", "running", eventId: eventId);
        using (var first = await worker.DeliverAsync(body, eventId))
        {
            Assert.Equal("hinted", await WebhookHintTests.ReceiptAsync(first));
        }

        await Eventually.WaitAsync(() => worker.PollCountAsync(runs[0]), polls => polls > 0, TimeSpan.FromSeconds(10), "the first delivery's poll");
        output.WriteLine($"first delivery polled after {clock.ElapsedMilliseconds} ms");
        var before = await worker.SnapshotAsync();

        // The same event again, freshly timestamped and signed, as a redelivery is.
        using (var replay = await worker.DeliverAsync(body, eventId))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal("duplicate", await WebhookHintTests.ReceiptAsync(replay));
        }

        Assert.Equal(before, await worker.SnapshotAsync());
        // A later event for the other run is polled; by then the replay would have been polled too, had it counted.
        using (await worker.DeliverAsync(SignedDelivery.Envelope("run.created", runs[1]))) { }
        await Eventually.WaitAsync(() => worker.PollCountAsync(runs[1]), polls => polls > 0, TimeSpan.FromSeconds(10), "the other run's poll");
        Assert.Equal(1, await worker.PollCountAsync(runs[0]));
        Assert.Equal(2, worker.Scenario.Simulator.GetCounters().RequestsTo("runs.get"));
    }

    [Theory]
    [InlineData("not-a-secret")]
    [InlineData("whsec_not*base64")]
    [InlineData("whsec_c2hvcnQ=")]
    public async Task A_malformed_secret_stops_the_start_with_a_message_naming_the_setting(string secret)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: "v1");
        scenario.Settings["Eigenpal__Webhooks__Secret"] = secret;
        var worker = scenario.StartWorker();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, worker.ExitCode);
        Assert.Contains("Eigenpal:Webhooks:Secret", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, worker.Output, StringComparison.Ordinal);
    }

    private static void AssertSecretNowhere(WebhookWorker worker, long rowsWithSecret)
    {
        Assert.Equal(0, rowsWithSecret);
        Assert.DoesNotContain(worker.Secret["whsec_".Length..], worker.Scenario.WorkerOutputTail(), StringComparison.Ordinal);
    }
}
