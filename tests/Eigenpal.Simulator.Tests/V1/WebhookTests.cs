using System.Security.Cryptography;
using System.Text;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using Eigenpal.Simulator.V1.Webhooks;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>Signed run events delivered to a configured URL, with the delivery modes: delay, losses, repeats, reordering, retries.</summary>
public sealed class WebhookTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static Task<SimulatorHost> StartAsync(WebhookReceiver receiver, Action<SimulatorOptions>? configure = null) =>
        V1Fixture.StartAsync(o =>
        {
            o.Webhooks.Url = receiver.Url;
            o.Webhooks.Secret = Secret;
            o.Webhooks.RetryDelayMs = 20;
            configure?.Invoke(o);
        });

    private static Task<List<WebhookReceiver.Delivery>> EventsAsync(WebhookReceiver receiver, string runId, int count) =>
        Eventually.Until(
            () => Task.FromResult(receiver.Deliveries.Where(d => d.RunId == runId).ToList()),
            d => d.Count >= count,
            what: $"{count} deliveries for {runId}");

    [Fact]
    public void The_signer_matches_the_Standard_Webhooks_test_vector()
    {
        var key = WebhookSigner.TryReadKey(Secret)!;
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSigner.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}"""));
        Assert.Null(WebhookSigner.TryReadKey("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        Assert.Null(WebhookSigner.TryReadKey("whsec_***"));
    }

    [Fact]
    public async Task A_run_sends_created_then_each_status_change_signed_over_the_raw_body()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver);
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("hooked");
        var events = await EventsAsync(receiver, id, 6);
        Assert.Equal(["run.created", "run.status_changed", "run.status_changed", "run.status_changed", "run.status_changed", "run.status_changed"], events.Select(e => e.Type));
        Assert.Equal(
            ["created", "pending", "running", "waiting", "finalizing", "completed"],
            events.Select(e => e.Event["data"]!["run"]!["status"]!.GetValue<string>()));
        var last = events[^1].Event;
        Assert.Equal(["apiVersion", "createdAt", "data", "id", "test", "type"], Keys(last));
        Assert.Equal(["currentStatus", "previousStatus", "run"], Keys(last["data"]));
        Assert.Equal("finalizing", last["data"]!["previousStatus"]!.GetValue<string>());
        Assert.Equal(["automationId", "id", "output", "status", "triggerType", "type"], Keys(last["data"]!["run"]));
        Assert.False(last["test"]!.GetValue<bool>());

        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        foreach (var e in events)
        {
            Assert.StartsWith("whev_", e.Id, StringComparison.Ordinal);
            Assert.Equal(e.Id, e.Event["id"]!.GetValue<string>());
            Assert.StartsWith("application/json", e.ContentType, StringComparison.Ordinal);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{e.Id}.{e.Timestamp}.{e.Body}")));
            Assert.Equal($"v1,{expected}", e.Signature);
            Assert.InRange(long.Parse(e.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 30);
        }

        Assert.Equal(6, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Losses_drop_events_and_repeats_send_the_same_event_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver, o => o.Modes.WebhookRepeatRate = 1);
        using var api = new V1Api(host);
        var repeated = await api.StartTextAsync("twice");
        var events = await EventsAsync(receiver, repeated, 12);
        Assert.All(events.GroupBy(e => e.Id), g => Assert.Equal(2, g.Count()));
        Assert.All(events.GroupBy(e => e.Id), g => Assert.Single(g.Select(e => e.Body).Distinct()));

        var modes = host.Modes;
        modes.WebhookRepeatRate = 0;
        modes.WebhookLossRate = 1;
        host.SetModes(modes);
        var lost = await api.StartTextAsync("never told");
        await api.WhenFinishedAsync(lost);
        await Eventually.Until(() => Task.FromResult(host.GetCounters().WebhookLost), n => n >= 6, what: "six lost events");
        Assert.DoesNotContain(receiver.Deliveries, d => d.RunId == lost);
    }

    [Fact]
    public async Task Reordering_swaps_an_event_with_the_next_one_of_its_run()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver, o =>
        {
            o.Modes.WebhookReorderRate = 1;
            o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(100_000), FailureRate = 0 };
        });
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("out of order");
        var events = await EventsAsync(receiver, id, 6);
        var order = events.Select(e => e.Event["data"]!["run"]!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["pending", "created", "waiting", "running", "completed", "finalizing"], order);
    }

    [Fact]
    public async Task Retryable_answers_are_retried_and_other_4xx_end_the_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusFor = n => n == 1 ? 503 : 200;
        await using var host = await StartAsync(receiver, o => o.Webhooks.MaxAttempts = 3);
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("retry me");
        var events = await EventsAsync(receiver, id, 7);
        Assert.Equal(6, events.Select(e => e.Id).Distinct().Count());

        receiver.StatusFor = _ => 410;
        var refused = await api.StartTextAsync("gone");
        await api.WhenFinishedAsync(refused);
        await EventsAsync(receiver, refused, 6);
        await Eventually.Until(() => Task.FromResult(host.GetCounters().WebhookLost), n => n >= 6, what: "six refused events");
        await Task.Delay(200);
        Assert.Equal(6, receiver.Deliveries.Count(d => d.RunId == refused));
    }

    [Fact]
    public async Task A_delay_holds_every_event_and_legacy_runs_are_reported_too()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver, o => o.Modes.WebhookDelayMs = 400);
        using var legacy = new Api(host);
        var id = await legacy.RunTextAsync("legacy hook");
        await Task.Delay(250);
        Assert.Empty(receiver.Deliveries);
        await EventsAsync(receiver, id, 6);
    }

    [Fact]
    public async Task A_run_cancelled_while_queued_reports_created_then_cancelled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(receiver, o =>
            o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(600_000), FailureRate = 0 });
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("cancel me");
        await api.PostAsync($"runs/{id}/cancel");
        var events = await EventsAsync(receiver, id, 2);
        Assert.Equal("created", events[0].Event["data"]!["run"]!["status"]!.GetValue<string>());
        Assert.Equal("cancelled", events[1].Event["data"]!["currentStatus"]!.GetValue<string>());
        Assert.Equal("created", events[1].Event["data"]!["previousStatus"]!.GetValue<string>());
        await Task.Delay(200);
        Assert.Equal(2, receiver.Deliveries.Count(d => d.RunId == id));
    }

    [Theory]
    [InlineData("not a url", Secret)]
    [InlineData("http://127.0.0.1:9/hooks", null)]
    [InlineData("http://127.0.0.1:9/hooks", "plain-secret")]
    public async Task A_bad_webhook_target_fails_the_start(string url, string? secret)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SimulatorHost.StartAsync(o => { o.Webhooks.Url = url; o.Webhooks.Secret = secret; }));
        Assert.Contains("Simulator:Webhooks:", error.Message, StringComparison.Ordinal);
    }
}
