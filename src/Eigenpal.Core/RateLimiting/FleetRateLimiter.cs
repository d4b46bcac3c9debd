using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.RateLimiting;

/// <summary>
/// One API rate limit for every worker process on the database, and the pause a 429
/// <c>Retry-After</c> imposes on all of them. It is a generic cell rate algorithm over one row
/// (<c>eigenpal.api_rate_limit</c>): each call reserves the next slot with a single UPDATE, so
/// workers never exceed the rate together, and the database clock is the only clock involved.
/// </summary>
public sealed partial class FleetRateLimiter(
    NpgsqlDataSource dataSource, IOptions<FleetRateLimitOptions> options, TimeProvider time, ILogger<FleetRateLimiter> logger)
{
    private const string LimitName = "default";

    /// <summary>Waits until this process may make one API call.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var wait = await ReserveSlotAsync(cancellationToken);
        while (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
            // Another worker may have been told to back off while this one waited for its slot.
            wait = await RemainingPauseAsync(cancellationToken);
        }
    }

    /// <summary>Makes every worker hold its calls until <paramref name="retryAfter"/> has elapsed.</summary>
    public async Task PauseAsync(TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var pause = retryAfter is { } r && r > TimeSpan.Zero ? r : options.Value.DefaultRetryAfter;
        await using var command = dataSource.CreateCommand("""
            UPDATE eigenpal.api_rate_limit
            SET paused_until = GREATEST(paused_until, now() + @pause)
            WHERE name = @name
            """);
        command.Parameters.AddWithValue("pause", pause);
        command.Parameters.AddWithValue("name", LimitName);
        await command.ExecuteNonQueryAsync(cancellationToken);
        LogPaused(logger, pause.TotalSeconds);
    }

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
}
