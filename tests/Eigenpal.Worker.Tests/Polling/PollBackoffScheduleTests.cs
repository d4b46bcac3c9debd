using Eigenpal.Polling;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Tests.Polling;

public sealed class PollBackoffScheduleTests
{
    private static readonly PollSchedule Schedule = new(Options.Create(new PollingOptions
    {
        MinInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(60), AgeFactor = 0.25, Jitter = 0.2,
    }));

    [Theory]
    [InlineData(1, 2)]      // MinInterval × 2^failures
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]     // capped at MaxInterval
    [InlineData(1000, 60)]  // however long the outage
    public void After_failures_a_young_run_waits_min_interval_doubled_per_failure_up_to_the_maximum(int failures, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Schedule.NextDelayAfterFailure(TimeSpan.FromSeconds(2), failures, 0.5));
    }

    [Fact]
    public void After_a_failure_an_old_run_keeps_its_longer_schedule()
    {
        // 120 s old: its schedule (30 s) is longer than the backoff after one failure (2 s).
        Assert.Equal(TimeSpan.FromSeconds(30), Schedule.NextDelayAfterFailure(TimeSpan.FromSeconds(120), 1, 0.5));
    }

    [Fact]
    public void The_backoff_is_jittered_like_the_schedule()
    {
        Assert.Equal(TimeSpan.FromSeconds(3.2), Schedule.NextDelayAfterFailure(TimeSpan.Zero, 2, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(4.8), Schedule.NextDelayAfterFailure(TimeSpan.Zero, 2, 1.0));
    }
}
