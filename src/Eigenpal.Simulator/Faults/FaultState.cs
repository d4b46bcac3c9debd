using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Faults;

/// <summary>
/// The faults in force and the dice they are rolled with. Replaced whole (with a fresh rate-limit
/// bucket) by <see cref="Replace"/>, so a request sees one consistent set.
/// </summary>
internal sealed class FaultState
{
    private readonly TimeProvider time;
    private readonly Lock diceGate = new();
    private readonly Random dice;
    private Active active;

    public FaultState(IOptions<SimulatorOptions> options, TimeProvider time)
    {
        this.time = time;
        dice = options.Value.Seed is { } seed ? new Random(seed ^ 0x5EED) : new Random();
        active = Activate(options.Value.Faults);
    }

    public FaultOptions Current => Volatile.Read(ref active).Options;

    public void Replace(FaultOptions faults) => Volatile.Write(ref active, Activate(faults));

    /// <summary>Whether the faults apply to this endpoint and method, and so whether to roll at all.</summary>
    public bool AppliesTo(string endpointName, string method)
    {
        var options = Current;
        return (options.Endpoints.Count == 0 || options.Endpoints.Contains(endpointName))
            && (options.Methods.Count == 0 || options.Methods.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase)));
    }

    public bool TryPassRateLimit(out int retryAfterSeconds)
    {
        var bucket = Volatile.Read(ref active).Bucket;
        if (bucket is null)
        {
            retryAfterSeconds = 0;
            return true;
        }

        return bucket.TryTake(out retryAfterSeconds);
    }

    public TimeSpan Latency()
    {
        var options = Current;
        var max = Math.Max(options.LatencyMinMs, options.LatencyMaxMs);
        return max == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(options.LatencyMinMs + ((max - options.LatencyMinMs) * Roll()));
    }

    public bool ShouldHang() => Hit(Current.HangRate);

    /// <summary>The 5xx status to answer with, or null to answer normally.</summary>
    public int? ServerErrorStatus()
    {
        var options = Current;
        if (!Hit(options.ServerErrorRate))
        {
            return null;
        }

        return Hit(options.ServiceUnavailableShare) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
    }

    public bool ShouldLoseRunResponse() => Hit(Current.LostRunResponseRate);

    private bool Hit(double rate) => rate > 0 && (rate >= 1 || Roll() < rate);

    private double Roll()
    {
        lock (diceGate)
        {
            return dice.NextDouble();
        }
    }

    private Active Activate(FaultOptions faults)
    {
        var bucket = faults.RateLimitPerSecond > 0
            ? new TokenBucket(faults.RateLimitPerSecond, faults.RateLimitBurst > 0 ? faults.RateLimitBurst : Math.Max(1, (int)Math.Ceiling(faults.RateLimitPerSecond)), time)
            : null;
        return new Active(faults, bucket);
    }

    private sealed record Active(FaultOptions Options, TokenBucket? Bucket);
}
