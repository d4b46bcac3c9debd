using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.RateLimiting;

/// <summary>
/// One API rate limit for every worker process on the database, and the pause a 429
/// <c>Retry-After</c> imposes on all of them. It is a generic cell rate algorithm over one row
/// (<c>eigenpal.api_rate_limit</c>): each call reserves the next slot with a single UPDATE, so
/// workers never exceed the rate together, and the database clock is the only clock involved.
/// A pause is also kept in this process, so the worker that saw the 429 holds its own calls even
/// when the database cannot be written; every other worker reads the pause on its next call.
/// </summary>
public sealed partial class FleetRateLimiter(
    NpgsqlDataSource dataSource, IOptions<FleetRateLimitOptions> options, TimeProvider time, ILogger<FleetRateLimiter> logger)
{
    private const string LimitName = "default";

    // This process's copy of the pause (local clock ticks), so it holds even if the database write fails.
    private long _localPauseUntil;

    /// <summary>Waits until this process may make one API call.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        await WaitLocalPauseAsync(cancellationToken);
        await WaitOutPausesAsync(await ReserveSlotAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Waits out the pause the fleet shares (and this process's own), for a request whose slot was reserved
    /// already (see <see cref="ReservedSlot"/>): a pause another worker committed since then still holds it.
    /// </summary>
    public async Task WaitSharedPauseAsync(CancellationToken cancellationToken) =>
        await WaitOutPausesAsync(await CurrentPauseAsync(cancellationToken), cancellationToken);

    // Read again after each wait: while a request waited out one pause (or for its slot), another worker may
    // have been told to back off for a little longer (429s come in bursts), and leaving at the end of the
    // first wait would land inside the second pause.
    private async Task WaitOutPausesAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        while (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
            wait = await CurrentPauseAsync(cancellationToken);
        }
    }

    private async Task<TimeSpan> CurrentPauseAsync(CancellationToken cancellationToken) =>
        Max(await RemainingPauseAsync(cancellationToken), LocalPauseRemaining());

    // How many times a pause that could not be written is tried (100 ms, then every 200 ms, within the pause).
    private const int MaxPauseWrites = 12;

    /// <summary>
    /// Makes every worker hold its calls until <paramref name="retryAfter"/> has elapsed. This
    /// process holds at once; the others as soon as the pause is committed (their next call reads
    /// it). A database that cannot be written is tried again a few times within the pause, then
    /// logged, not thrown: the answer that carried the 429 must still reach its caller.
    /// </summary>
    public async Task PauseAsync(TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var pause = retryAfter is { } r && r > TimeSpan.Zero ? r : options.Value.DefaultRetryAfter;
        Telemetry.EigenpalMetrics.RateLimited(pause);
        var until = time.GetUtcNow().Add(pause).UtcTicks;
        long seen;
        while ((seen = Volatile.Read(ref _localPauseUntil)) < until && Interlocked.CompareExchange(ref _localPauseUntil, until, seen) != seen)
        {
        }

        // A write that fails (PostgreSQL restarting under us) is tried again while the pause lasts, every
        // 100-200 ms: until it is committed, the other workers cannot know of it. Each try shares what is left
        // of the pause (not the whole of it again), so a write that succeeds late still ends it on time.
        var delay = TimeSpan.FromMilliseconds(100);
        string? lastError = null;
        for (var attempt = 1; ; attempt++)
        {
            var remaining = TimeSpan.FromTicks(until - time.GetUtcNow().UtcTicks);
            if (remaining <= TimeSpan.Zero)
            {
                // Over before any write went through (the first try is made at once, so only a retry gets
                // here): the fleet never heard of this pause, which the log must say.
                if (lastError is not null)
                {
                    LogPauseNotShared(logger, pause.TotalSeconds, lastError);
                }

                return;
            }

            try
            {
                await SharePauseAsync(remaining, cancellationToken);
                LogPaused(logger, pause.TotalSeconds);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                if (attempt >= MaxPauseWrites || time.GetUtcNow().UtcTicks + delay.Ticks >= until)
                {
                    LogPauseNotShared(logger, pause.TotalSeconds, ex.Message);
                    return;
                }

                lastError = ex.Message;

                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromMilliseconds(200);
            }
        }
    }

    private async Task SharePauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        // After the pause, calls go out one interval apart rather than as a burst: a whole burst
        // released at once into an API that just said 429 draws the next 429.
        await using var command = dataSource.CreateCommand("""
            UPDATE eigenpal.api_rate_limit
            SET paused_until = GREATEST(paused_until, now() + @pause),
                tat = GREATEST(tat, now() + @pause + @interval * @burst)
            WHERE name = @name
            """);
        command.Parameters.AddWithValue("pause", pause);
        command.Parameters.AddWithValue("interval", TimeSpan.FromSeconds(1 / options.Value.RequestsPerSecond));
        command.Parameters.AddWithValue("burst", options.Value.Burst);
        command.Parameters.AddWithValue("name", LimitName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private TimeSpan LocalPauseRemaining()
    {
        var until = Volatile.Read(ref _localPauseUntil);
        var now = time.GetUtcNow().UtcTicks;
        return until > now ? TimeSpan.FromTicks(until - now) : TimeSpan.Zero;
    }

    /// <summary>Waits out a pause this process has seen (no database read): for a request whose slot was taken just before.</summary>
    public async Task WaitLocalPauseAsync(CancellationToken cancellationToken)
    {
        for (var wait = LocalPauseRemaining(); wait > TimeSpan.Zero; wait = LocalPauseRemaining())
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>How long every worker must still hold its calls because of a 429.</summary>
    public async Task<TimeSpan> RemainingPauseAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXTRACT(EPOCH FROM GREATEST(paused_until, now()) - now())::float8
            FROM eigenpal.api_rate_limit WHERE name = @name
            """);
        command.Parameters.AddWithValue("name", LimitName);
        return TimeSpan.FromSeconds(Math.Max(0, (double)(await command.ExecuteScalarAsync(cancellationToken) ?? 0d)));
    }

    /// <summary>Reserves the next slot and returns how long until it comes (zero when it is now).</summary>
    internal async Task<TimeSpan> ReserveSlotAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value;
        var interval = TimeSpan.FromSeconds(1 / limit.RequestsPerSecond);
        // tat (theoretical arrival time) advances one interval per call; a call may go when
        // tat - burst * interval is reached, and never before the shared pause ends. The
        // columns start at -infinity, so every difference is taken against a finite GREATEST.
        // now() is this statement's own start time (one statement, one transaction), read once.
        await using var command = dataSource.CreateCommand("""
            UPDATE eigenpal.api_rate_limit
            SET tat = GREATEST(tat, now(), paused_until) + @interval
            WHERE name = @name
            RETURNING EXTRACT(EPOCH FROM GREATEST(tat - @interval * @burst, paused_until, now()) - now())::float8
            """);
        command.Parameters.AddWithValue("interval", interval);
        command.Parameters.AddWithValue("burst", limit.Burst);
        command.Parameters.AddWithValue("name", LimitName);
        var seconds = (double)(await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The rate limit row is missing: run `eigenpal migrate`."));
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }

    [LoggerMessage(EventId = 300, EventName = "RateLimited", Level = LogLevel.Warning,
        Message = "The API answered 429: every worker holds its calls for {PauseSeconds:0.###} s")]
    private static partial void LogPaused(ILogger logger, double pauseSeconds);

    [LoggerMessage(EventId = 301, EventName = "PauseNotShared", Level = LogLevel.Warning,
        Message = "The API answered 429: this worker holds its calls for {PauseSeconds:0.###} s, but the pause could not be shared with the fleet ({Error})")]
    private static partial void LogPauseNotShared(ILogger logger, double pauseSeconds, string error);
}
