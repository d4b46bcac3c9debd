using Microsoft.Extensions.Time.Testing;

namespace Eigenpal.Core.Tests.Api;

/// <summary>
/// A fake clock that jumps forward by exactly the due time whenever code starts a timer (e.g. Task.Delay),
/// so polling loops run instantly and deterministically while still "waiting" the right amount.
/// </summary>
public sealed class AutoAdvancingTimeProvider : FakeTimeProvider
{
    private int _timers;

    public AutoAdvancingTimeProvider()
        : base(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public int TimersStarted => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _timers);
            _ = Task.Run(() => Advance(dueTime));
        }

        return timer;
    }
}
