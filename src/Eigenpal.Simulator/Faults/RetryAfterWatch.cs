namespace Eigenpal.Simulator.Faults;

/// <summary>
/// Notices clients that do not honour <c>Retry-After</c>: after a 429 told callers to wait,
/// every request that arrives before the wait is over counts as early. Requests arriving within
/// a short grace after the 429 are not counted: they were already on the wire when it was sent.
/// </summary>
internal sealed class RetryAfterWatch(TimeProvider time)
{
    /// <summary>How long after a 429 a request still counts as already in flight.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromMilliseconds(250);

    private readonly Lock gate = new();
    private DateTimeOffset lastRateLimited = DateTimeOffset.MinValue;
    private DateTimeOffset quietUntil = DateTimeOffset.MinValue;

    /// <summary>Records a 429 that asked callers to wait <paramref name="retryAfterSeconds"/>.</summary>
    public void RateLimited(int retryAfterSeconds)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            lastRateLimited = now;
            var until = now.AddSeconds(retryAfterSeconds);
            if (until > quietUntil)
            {
                quietUntil = until;
            }
        }
    }

    /// <summary>True when a request arriving now ignores a Retry-After still in force.</summary>
    public bool IsEarly()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return now < quietUntil && now - lastRateLimited > InFlightGrace;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            lastRateLimited = DateTimeOffset.MinValue;
            quietUntil = DateTimeOffset.MinValue;
        }
    }
}
