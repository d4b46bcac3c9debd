using Microsoft.Extensions.Options;

namespace Eigenpal.Polling;

/// <summary>When to look at an execution again, given how old it is and how many polls of it failed in a row.</summary>
public sealed class PollSchedule(IOptions<PollingOptions> options)
{
    // 2^20 × the shortest MinInterval (50 ms) is already beyond the longest MaxInterval (1 day).
    private const int MaxDoublings = 20;

    /// <summary>The wait before the next poll of an execution of age <paramref name="age"/>.</summary>
    /// <param name="age">Time since the run was sent.</param>
    /// <param name="random">A number in [0, 1) that picks the jitter.</param>
    public TimeSpan NextDelay(TimeSpan age, double random) => Jittered(Scheduled(age), random);

    /// <summary>
    /// The wait after the <paramref name="failures"/>-th failed poll in a row:
    /// <c>max(the age's schedule, MinInterval × 2^failures)</c>, capped at MaxInterval, with jitter.
    /// During an outage every execution backs off instead of being asked again every MinInterval.
    /// </summary>
    /// <param name="age">Time since the run was sent.</param>
    /// <param name="failures">Consecutive failed polls, this one included (1 after the first failure).</param>
    /// <param name="random">A number in [0, 1) that picks the jitter.</param>
    public TimeSpan NextDelayAfterFailure(TimeSpan age, int failures, double random)
    {
        var o = options.Value;
        var backoff = o.MinInterval * Math.Pow(2, Math.Clamp(failures, 0, MaxDoublings));
        var delay = TimeSpan.FromTicks(Math.Min(Math.Max(Scheduled(age).Ticks, backoff.Ticks), o.MaxInterval.Ticks));
        return Jittered(delay, random);
    }

    private TimeSpan Scheduled(TimeSpan age)
    {
        var o = options.Value;
        return TimeSpan.FromTicks(Math.Clamp((long)(age.Ticks * o.AgeFactor), o.MinInterval.Ticks, o.MaxInterval.Ticks));
    }

    private TimeSpan Jittered(TimeSpan delay, double random) => delay * (1 + (options.Value.Jitter * ((2 * random) - 1)));
}
