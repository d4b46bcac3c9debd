namespace Eigenpal.RateLimiting;

/// <summary>
/// A rate-limit slot a caller took before making a request, so that the wait for it stays outside
/// the request's timeout: the sender takes its slot, records that its run request is leaving, and
/// only then sends it. <see cref="FleetRateLimitHandler"/> lets the first request made within
/// <see cref="Use"/> go without taking another slot; any retry of it takes its own.
/// </summary>
public sealed class ReservedSlot
{
    private static readonly AsyncLocal<ReservedSlot?> Current = new();
    private int _used;

    private ReservedSlot()
    {
    }

    /// <summary>Marks the next request of this async flow as already holding its slot, until disposed.</summary>
    public static IDisposable Use()
    {
        var previous = Current.Value;
        Current.Value = new ReservedSlot();
        return new Scope(previous);
    }

    /// <summary>True once, for the first request within <see cref="Use"/>.</summary>
    internal static bool TryConsume() => Current.Value is { } slot && Interlocked.Exchange(ref slot._used, 1) == 0;

    private sealed class Scope(ReservedSlot? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
