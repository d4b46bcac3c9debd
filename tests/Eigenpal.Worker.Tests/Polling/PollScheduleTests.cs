using Eigenpal.Polling;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Tests.Polling;

public sealed class PollScheduleTests
{
    private static readonly PollSchedule Schedule = new(Options.Create(new PollingOptions
    {
        MinInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(60), AgeFactor = 0.25, Jitter = 0.2,
    }));

    [Theory]
    [InlineData(0, 1)]      // young runs: the minimum
    [InlineData(2, 1)]
    [InlineData(20, 5)]     // a quarter of the age
    [InlineData(120, 30)]
    [InlineData(3600, 60)]  // hour-long runs: the maximum
    public void Without_jitter_the_wait_is_a_quarter_of_the_age_within_bounds(double ageSeconds, double expectedSeconds)
    {
        // random = 0.5 is the middle of the jitter range: no jitter.
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Schedule.NextDelay(TimeSpan.FromSeconds(ageSeconds), 0.5));
    }

    [Fact]
    public void Jitter_spreads_the_wait_by_twenty_percent_either_way()
    {
        var age = TimeSpan.FromSeconds(40);

        Assert.Equal(TimeSpan.FromSeconds(8), Schedule.NextDelay(age, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(12), Schedule.NextDelay(age, 1.0));
    }
}
