namespace Eigenpal.Api;

/// <summary>
/// What this process knows about the offset of the API's clock from its own, learnt from the
/// <c>Date</c> header of every response. A response stamped <c>Date: D</c> (whole seconds) that was
/// sent at local time t0 and answered at t1 says the API's clock minus ours lies in
/// <c>[D − t1, D + 1 s − t0]</c>; the intersection over recent responses narrows it to about the
/// shortest round trip. Reconciliation uses the bounds to search a lost run's creation time on the
/// API's clock instead of assuming the two clocks agree.
/// </summary>
public sealed class ApiClock
{
    private const int SampleCount = 64;
    private static readonly TimeSpan DateResolution = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly (TimeSpan Low, TimeSpan High)[] _samples = new (TimeSpan, TimeSpan)[SampleCount];
    private int _count;
    private int _next;

    /// <summary>Records one response: sent at <paramref name="sentAt"/>, answered at <paramref name="receivedAt"/>, stamped <paramref name="serverDate"/>.</summary>
    public void Observe(DateTimeOffset sentAt, DateTimeOffset receivedAt, DateTimeOffset serverDate)
    {
        if (receivedAt < sentAt)
        {
            return;
        }

        lock (_gate)
        {
            _samples[_next] = (serverDate - receivedAt, serverDate + DateResolution - sentAt);
            _next = (_next + 1) % SampleCount;
            _count = Math.Min(_count + 1, SampleCount);
        }
    }

    /// <summary>
    /// The bounds of (API clock − local clock) that every recent sample agrees with, or null before
    /// the first response with a <c>Date</c> header. If recent samples disagree (the API's clock was
    /// stepped, a cache answered), the bounds widen to cover every one of them.
    /// </summary>
    public ClockOffset? Offset
    {
        get
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    return null;
                }

                var newest = _samples[(_next - 1 + SampleCount) % SampleCount];
                var (low, high) = newest;
                for (var i = 0; i < _count; i++)
                {
                    low = _samples[i].Low > low ? _samples[i].Low : low;
                    high = _samples[i].High < high ? _samples[i].High : high;
                }

                if (low <= high)
                {
                    return new ClockOffset(low, high);
                }

                // The samples disagree (a clock stepped, a stale Date from a cache): widen to all of them
                // rather than trust one, so no window can miss its run by the error.
                var (anyLow, anyHigh) = newest;
                for (var i = 0; i < _count; i++)
                {
                    anyLow = _samples[i].Low < anyLow ? _samples[i].Low : anyLow;
                    anyHigh = _samples[i].High > anyHigh ? _samples[i].High : anyHigh;
                }

                return new ClockOffset(anyLow, anyHigh);
            }
        }
    }
}

/// <summary>The API's clock minus the local clock lies in [<paramref name="Low"/>, <paramref name="High"/>].</summary>
/// <param name="Low">The smallest offset consistent with what was observed.</param>
/// <param name="High">The largest offset consistent with what was observed.</param>
public readonly record struct ClockOffset(TimeSpan Low, TimeSpan High);
