namespace Eigenpal.Simulator.Faults;

/// <summary>
/// A token bucket on an injected clock: <c>rate</c> tokens per second up to <c>capacity</c>.
/// A refused caller is told how many whole seconds until a token is free (for <c>Retry-After</c>).
/// </summary>
internal sealed class TokenBucket(double ratePerSecond, int capacity, TimeProvider time)
{
    private readonly Lock gate = new();
    private double tokens = capacity;
    private long lastRefill = time.GetTimestamp();

    public bool TryTake(out int retryAfterSeconds)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(capacity, tokens + (time.GetElapsedTime(lastRefill, now).TotalSeconds * ratePerSecond));
            lastRefill = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                retryAfterSeconds = 0;
                return true;
            }

            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - tokens) / ratePerSecond));
            return false;
        }
    }
}
