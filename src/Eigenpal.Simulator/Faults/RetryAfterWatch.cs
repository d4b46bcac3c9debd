namespace Eigenpal.Simulator.Faults;

/// <summary>
/// Notices clients that do not honour <c>Retry-After</c>: after a 429 told callers to wait,
/// every request that arrives before the wait is over counts as early. Requests arriving within
/// a short grace after the 429 reached the client are not counted: they were already on the wire.
/// The grace runs from when the 429 was written out, not from when it was decided: on a loaded
/// machine the answer may take a while to leave, and a client cannot honour what it has not read.
/// The last few early requests are kept, with their timings, so a failing test can say which.
/// </summary>
internal sealed class RetryAfterWatch(TimeProvider time)
{
    /// <summary>How long after a 429 a request still counts as already in flight.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromMilliseconds(250);

    private const int KeptEarly = 20;

    private readonly Lock gate = new();
    private readonly Queue<EarlyRequest> recentEarly = new();
    private DateTimeOffset lastRateLimited = DateTimeOffset.MinValue;
    private DateTimeOffset quietUntil = DateTimeOffset.MinValue;
    private TimeSpan lastDeliveryLag;

    /// <summary>
    /// Records a 429 that asked callers to wait <paramref name="retryAfterSeconds"/>. A 429 answering an
    /// early request extends the quiet but does not restart the in-flight grace: otherwise a client that
    /// ignores Retry-After, asking every few hundred ms, would keep granting itself a fresh grace.
    /// </summary>
    public DateTimeOffset RateLimited(int retryAfterSeconds, bool answersEarlyRequest = false)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!answersEarlyRequest)
            {
                lastRateLimited = now;
            }

            var until = now.AddSeconds(retryAfterSeconds);
            if (until > quietUntil)
            {
                quietUntil = until;
            }
        }

        return now;
    }

    /// <summary>Records that a 429 decided at <paramref name="decidedAt"/> has been written out to its client.</summary>
    public void Delivered(DateTimeOffset decidedAt)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (now > lastRateLimited)
            {
                lastRateLimited = now;
                lastDeliveryLag = now - decidedAt;
            }
        }
    }

    /// <summary>True when a request that arrived at <paramref name="arrivedAt"/> ignored a Retry-After still in force.</summary>
    public bool IsEarly(DateTimeOffset arrivedAt, string method, string endpoint)
    {
        lock (gate)
        {
            if (arrivedAt >= quietUntil || arrivedAt - lastRateLimited <= InFlightGrace)
            {
                return false;
            }

            if (recentEarly.Count == KeptEarly)
            {
                recentEarly.Dequeue();
            }

            recentEarly.Enqueue(new EarlyRequest(arrivedAt, method, endpoint, arrivedAt - lastRateLimited, quietUntil - arrivedAt, time.GetUtcNow() - arrivedAt, lastDeliveryLag));
            return true;
        }
    }

    /// <summary>The last early requests seen, oldest first.</summary>
    public IReadOnlyList<EarlyRequest> RecentEarly()
    {
        lock (gate)
        {
            return [.. recentEarly];
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            lastRateLimited = DateTimeOffset.MinValue;
            quietUntil = DateTimeOffset.MinValue;
            recentEarly.Clear();
        }
    }
}

/// <summary>A request that arrived while a Retry-After was in force.</summary>
/// <param name="ArrivedAt">When it reached the simulator.</param>
/// <param name="Method">Its HTTP method.</param>
/// <param name="Endpoint">The endpoint it asked for.</param>
/// <param name="SinceLastRateLimit">How long after the latest 429 was written out it arrived.</param>
/// <param name="QuietLeft">How much of the Retry-After was still to run.</param>
/// <param name="ArrivalToFilter">How long its body and routing took before the fault filter saw it.</param>
/// <param name="LastDeliveryLag">How long the latest 429 took from decided to written out.</param>
public sealed record EarlyRequest(
    DateTimeOffset ArrivedAt, string Method, string Endpoint, TimeSpan SinceLastRateLimit, TimeSpan QuietLeft, TimeSpan ArrivalToFilter, TimeSpan LastDeliveryLag)
{
    public override string ToString() =>
        $"{ArrivedAt:HH:mm:ss.fff} {Method} {Endpoint}: {SinceLastRateLimit.TotalMilliseconds:0} ms after the last 429, {QuietLeft.TotalMilliseconds:0} ms before the quiet ended (filter reached {ArrivalToFilter.TotalMilliseconds:0} ms after arrival; that 429 took {LastDeliveryLag.TotalMilliseconds:0} ms to be written out)";
}
