using Eigenpal.Api;

namespace Eigenpal.Core.Tests.Api;

/// <summary>
/// The bounds of (API clock − local clock) learnt from <c>Date</c> headers: a response stamped
/// <c>D</c> (whole seconds) sent at t0 and answered at t1 says the offset lies in [D − t1, D + 1 s − t0].
/// </summary>
public sealed class ApiClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>A response sent at <paramref name="sentMs"/> after T0, answered <paramref name="roundTripMs"/> later, from an API whose clock is <paramref name="offsetMs"/> ahead.</summary>
    private static void Observe(ApiClock clock, double sentMs, double roundTripMs, double offsetMs)
    {
        var sentAt = T0 + Ms(sentMs);
        var receivedAt = sentAt + Ms(roundTripMs);
        // The server stamps its own time at some point of the round trip (here the middle), truncated to the second.
        var serverNow = sentAt + Ms(roundTripMs / 2) + Ms(offsetMs);
        var date = new DateTimeOffset(serverNow.Ticks - (serverNow.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        clock.Observe(sentAt, receivedAt, date);
    }

    [Fact]
    public void Without_a_sample_the_offset_is_unknown()
    {
        Assert.Null(new ApiClock().Offset);
    }

    [Fact]
    public void One_sample_bounds_the_offset_by_its_round_trip_and_the_date_resolution()
    {
        var clock = new ApiClock();
        var sentAt = T0 + Ms(300);
        clock.Observe(sentAt, sentAt + Ms(200), T0 + TimeSpan.FromSeconds(5));

        var offset = Assert.IsType<ClockOffset>(clock.Offset);
        // [D − t1, D + 1 s − t0] = [5 − 0.5, 6 − 0.3] s.
        Assert.Equal(Ms(4500), offset.Low);
        Assert.Equal(Ms(5700), offset.High);
    }

    [Fact]
    public void More_samples_narrow_the_bounds_to_their_intersection_and_keep_the_true_offset()
    {
        var clock = new ApiClock();
        const double offset = 2_345;
        Observe(clock, sentMs: 0, roundTripMs: 50, offset);
        var first = clock.Offset!.Value;

        for (var i = 1; i < 20; i++)
        {
            // Requests at other sub-second phases cut the one-second date resolution down.
            Observe(clock, sentMs: i * 1_037, roundTripMs: 50, offset);
        }

        var narrowed = clock.Offset!.Value;
        Assert.True(narrowed.High - narrowed.Low < first.High - first.Low, $"{narrowed} is not narrower than {first}");
        Assert.True(narrowed.High - narrowed.Low <= Ms(150), $"{narrowed} is still wide");
        Assert.InRange(Ms(offset), narrowed.Low, narrowed.High);
    }

    [Fact]
    public void Samples_that_disagree_widen_the_bounds_to_cover_every_one()
    {
        var clock = new ApiClock();
        Observe(clock, sentMs: 0, roundTripMs: 50, offsetMs: 0);
        Observe(clock, sentMs: 1_000, roundTripMs: 50, offsetMs: 0);

        // The API's clock is stepped 30 s forward.
        var sentAt = T0 + TimeSpan.FromSeconds(2);
        clock.Observe(sentAt, sentAt + Ms(100), T0 + TimeSpan.FromSeconds(32));

        var offset = clock.Offset!.Value;
        // Neither the old nor the new clock is trusted alone: a window must hold the run under either.
        Assert.True(offset.Low <= TimeSpan.Zero && offset.High >= TimeSpan.FromSeconds(31), $"{offset.Low}..{offset.High}");
    }

    [Fact]
    public void A_sample_answered_before_it_was_sent_is_ignored()
    {
        var clock = new ApiClock();
        clock.Observe(T0, T0 - Ms(1), T0);

        Assert.Null(clock.Offset);
    }

    [Fact]
    public void Only_the_most_recent_64_samples_count()
    {
        var clock = new ApiClock();
        Observe(clock, sentMs: 0, roundTripMs: 50, offsetMs: 0);
        for (var i = 1; i <= 64; i++)
        {
            Observe(clock, sentMs: 10_000 + (i * 1_037), roundTripMs: 50, offsetMs: 60_000);
        }

        // The sample from before the step has aged out: the bounds are the intersection of the 64 after it, not the newest alone.
        var offset = clock.Offset!.Value;
        Assert.InRange(TimeSpan.FromSeconds(60), offset.Low, offset.High);
        Assert.True(offset.High - offset.Low <= Ms(150), $"{offset} is the newest sample alone");
    }
}
