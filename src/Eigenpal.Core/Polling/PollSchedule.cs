using Microsoft.Extensions.Options;

namespace Eigenpal.Polling;

/// <summary>When to look at an execution again, given how old it is.</summary>
public sealed class PollSchedule(IOptions<PollingOptions> options)
{
    /// <summary>The wait before the next poll of an execution of age <paramref name="age"/>.</summary>
    /// <param name="age">Time since the run was sent.</param>
    /// <param name="random">A number in [0, 1) that picks the jitter.</param>
    public TimeSpan NextDelay(TimeSpan age, double random)
    {
        var o = options.Value;
        var baseDelay = TimeSpan.FromTicks(Math.Clamp((long)(age.Ticks * o.AgeFactor), o.MinInterval.Ticks, o.MaxInterval.Ticks));
        var jitter = 1 + (o.Jitter * ((2 * random) - 1));
        return baseDelay * jitter;
    }
}
