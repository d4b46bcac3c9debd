using System.Diagnostics;
using Eigenpal.RateLimiting;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Tests.Storage;

/// <summary>
/// The fleet-wide limiter against a real database. Its answers are waits computed from the
/// database clock, so the tests check them against the time actually spent between calls
/// instead of sleeping.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class FleetRateLimiterTests(PostgresServer postgres) : IAsyncLifetime
{
    private TrackingDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TrackingDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private FleetRateLimiter Limiter(double perSecond, int burst) => new(
        _database.DataSource, Options.Create(new FleetRateLimitOptions { RequestsPerSecond = perSecond, Burst = burst }),
        TimeProvider.System, NullLogger<FleetRateLimiter>.Instance);

    [Fact]
    public async Task A_fresh_limiter_is_neither_paused_nor_throttled()
    {
        var limiter = Limiter(10, 3);

        Assert.Equal(TimeSpan.Zero, await limiter.RemainingPauseAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await limiter.ReserveSlotAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Calls_beyond_the_burst_are_given_slots_one_interval_apart()
    {
        const int burst = 5;
        var interval = TimeSpan.FromMilliseconds(50);
        var limiter = Limiter(20, burst);

        var beforeFirst = Stopwatch.GetTimestamp();
        var first = await limiter.ReserveSlotAsync(CancellationToken.None);
        var afterFirst = Stopwatch.GetTimestamp();
        Assert.Equal(TimeSpan.Zero, first);
        for (var k = 1; k < 15; k++)
        {
            var before = Stopwatch.GetElapsedTime(afterFirst);
            var wait = await limiter.ReserveSlotAsync(CancellationToken.None);
            var after = Stopwatch.GetElapsedTime(beforeFirst);
            // The k-th call's slot is (k - burst + 1) intervals after the first call; the wait is
            // what is left of that when the call is made, which lies between `before` and `after`.
            var slot = interval * Math.Max(0, k - burst + 1);
            var tolerance = TimeSpan.FromMilliseconds(1);
            Assert.True(wait <= (slot > before ? slot - before : TimeSpan.Zero) + tolerance, $"call {k}: wait {wait}, slot {slot}, made after {before}");
            Assert.True(wait >= slot - after - tolerance, $"call {k}: wait {wait}, slot {slot}, answered after {after}");
        }
    }

    [Fact]
    public async Task A_pause_from_one_worker_holds_every_caller_until_it_ends()
    {
        var pausingWorker = Limiter(1000, 100);
        var otherWorker = Limiter(1000, 100);

        var started = Stopwatch.GetTimestamp();
        await pausingWorker.PauseAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        var wait = await otherWorker.ReserveSlotAsync(CancellationToken.None);
        var remaining = await otherWorker.RemainingPauseAsync(CancellationToken.None);

        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.True(wait + elapsed >= TimeSpan.FromSeconds(2), $"slot in {wait} after {elapsed}");
        Assert.InRange(remaining, TimeSpan.FromSeconds(2) - elapsed, TimeSpan.FromSeconds(2));
    }
}
