using System.Net;
using System.Text;
using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.V1.Webhooks;

/// <summary>
/// Delivers events to <see cref="WebhookOptions.Url"/>, signed, one run's events one after the
/// other in their order, and misbehaving as the modes in force say: a delay before the first attempt, losses, repeats
/// (same id and body, fresh timestamp and signature) and reordering (an event held back until the
/// run's next one has gone, or a second passes). Network errors, timeouts, 408, 425, 429 and 5xx
/// are retried with a doubling wait up to <see cref="WebhookOptions.MaxAttempts"/>; any other 4xx
/// ends the event's delivery, as the guide says the service does.
/// </summary>
internal sealed class WebhookDeliverer : IDisposable
{
    /// <summary>The longest an event is held for reordering when its run has no next event.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RepeatGap = TimeSpan.FromMilliseconds(100);

    private readonly WebhookOptions options;
    private readonly byte[] key;
    private readonly ModeState modes;
    private readonly ApiClock time;
    private readonly SimulatorCounters counters;
    private readonly ILogger<WebhookDeliverer> logger;
    private readonly HttpClient http;
    private readonly Lock gate = new();
    private readonly Random dice;
    private readonly Dictionary<string, Held> held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> tails = new(StringComparer.Ordinal);
    private CancellationTokenSource pending = new();

    public WebhookDeliverer(IOptions<SimulatorOptions> options, ModeState modes, ApiClock time, SimulatorCounters counters, ILogger<WebhookDeliverer> logger)
    {
        this.options = options.Value.Webhooks;
        key = WebhookSigner.TryReadKey(this.options.Secret) ?? [];
        this.modes = modes;
        this.time = time;
        this.counters = counters;
        this.logger = logger;
        dice = options.Value.Seed is { } seed ? new Random(seed ^ 0x3EB0) : new Random();
        http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(this.options.TimeoutMs) };
    }

    public void Enqueue(string runId, string eventId, string body)
    {
        counters.WebhookEvent();
        var current = modes.Current;
        var delay = TimeSpan.FromMilliseconds(current.WebhookDelayMs);
        lock (gate)
        {
            if (Hit(current.WebhookLossRate))
            {
                counters.WebhookLost();
                Log.WebhookLost(logger, eventId, runId, "dropped by WebhookLossRate");
                return;
            }

            var delivery = new Delivery(eventId, runId, body, Hit(current.WebhookRepeatRate));
            if (held.Remove(runId, out var previous))
            {
                previous.Release.Dispose();
                Start(delivery, delay);
                Start(previous.Delivery, delay);
                return;
            }

            if (Hit(current.WebhookReorderRate))
            {
                var timer = time.CreateTimer(_ => ReleaseHeld(runId, delivery), null, MaxHold, Timeout.InfiniteTimeSpan);
                held[runId] = new Held(delivery, timer);
                return;
            }

            Start(delivery, delay);
        }
    }

    /// <summary>Drops the events not yet delivered, so none of a reset run arrives later.</summary>
    public void Reset()
    {
        lock (gate)
        {
            foreach (var h in held.Values)
            {
                h.Release.Dispose();
            }

            held.Clear();
            tails.Clear();
            Interlocked.Exchange(ref pending, new CancellationTokenSource()).Cancel();
        }
    }

    public void Dispose()
    {
        Reset();
        http.Dispose();
    }

    private void ReleaseHeld(string runId, Delivery delivery)
    {
        lock (gate)
        {
            if (held.TryGetValue(runId, out var h) && ReferenceEquals(h.Delivery, delivery))
            {
                held.Remove(runId);
                h.Release.Dispose();
                Start(delivery, TimeSpan.Zero);
            }
        }
    }

    // Called under the lock. A run's deliveries go one after the other, in the order started, so
    // that without the reorder mode its events arrive in order; the delay counts from now.
    private void Start(Delivery delivery, TimeSpan delay)
    {
        var previous = tails.GetValueOrDefault(delivery.RunId) ?? Task.CompletedTask;
        tails[delivery.RunId] = DeliverAfterAsync(previous, delivery, time.GetUtcNow() + delay, pending.Token);
    }

    private async Task DeliverAfterAsync(Task previous, Delivery delivery, DateTimeOffset due, CancellationToken ct)
    {
        try
        {
            // A failure of the run's previous delivery is its own; this one goes anyway.
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }

            var delivered = await SendWithRetriesAsync(delivery, ct);
            if (!delivered)
            {
                counters.WebhookLost();
            }

            if (delivery.Repeat)
            {
                await Task.Delay(RepeatGap, time, ct);
                await SendWithRetriesAsync(delivery, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Reset or shutdown: the event is dropped with the runs it was about.
        }
        finally
        {
            lock (gate)
            {
                if (tails.TryGetValue(delivery.RunId, out var tail) && tail.IsCompleted)
                {
                    tails.Remove(delivery.RunId);
                }
            }
        }
    }

    private async Task<bool> SendWithRetriesAsync(Delivery delivery, CancellationToken ct)
    {
        var wait = TimeSpan.FromMilliseconds(options.RetryDelayMs);
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            var (status, retryable) = await SendAsync(delivery, ct);
            if (status is >= 200 and < 300)
            {
                counters.WebhookDelivered();
                return true;
            }

            if (!retryable || attempt == options.MaxAttempts)
            {
                Log.WebhookLost(logger, delivery.EventId, delivery.RunId, status is { } s ? $"answered {s} on attempt {attempt}" : $"no answer on attempt {attempt}");
                return false;
            }

            await Task.Delay(wait, time, ct);
            wait *= 2;
        }

        return false;
    }

    private async Task<(int? Status, bool Retryable)> SendAsync(Delivery delivery, CancellationToken ct)
    {
        counters.WebhookAttempt();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.EventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Sign(key, delivery.EventId, timestamp, delivery.Body));
        try
        {
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            return (status, status is 408 or 425 or 429 or >= 500);
        }
        catch (HttpRequestException)
        {
            return (null, true);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return ((int)HttpStatusCode.RequestTimeout, true);
        }
    }

    private bool Hit(double rate) => rate > 0 && (rate >= 1 || dice.NextDouble() < rate);

    private sealed record Delivery(string EventId, string RunId, string Body, bool Repeat);

    private sealed record Held(Delivery Delivery, ITimer Release);
}
