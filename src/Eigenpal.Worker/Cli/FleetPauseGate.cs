using Eigenpal.Worker.Cli.Infrastructure;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// Holds a command's API work while a 429 has paused the fleet, before the first request. The
/// client's rate-limit handler would hold each request too, but inside the request's timeout and
/// silently; here a person is told why nothing happens, and a pause longer than
/// <see cref="Eigenpal.Api.EigenpalClientOptions.MaxRetryAfter"/> ends the command instead of hanging it.
/// </summary>
internal static class FleetPauseGate
{
    /// <summary>
    /// Returns at once when the fleet is not paused; otherwise tells <paramref name="notify"/> and waits the
    /// pause out, or throws <see cref="FleetPausedException"/> when it is longer than a command waits.
    /// </summary>
    /// <returns>How long the command waited.</returns>
    public static async Task<TimeSpan> WaitAsync(CliServices services, Action<string> notify, CancellationToken ct)
    {
        var remaining = await services.RateLimiter.RemainingPauseAsync(ct);
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var longest = services.ClientOptions.MaxRetryAfter;
        if (remaining > longest)
        {
            throw new FleetPausedException(remaining, longest);
        }

        notify($"The Eigenpal API rate-limited this fleet (429): every worker and command holds its calls; waiting {remaining.TotalSeconds:0.#} s before calling it.");
        await Task.Delay(remaining, services.Time, ct);
        return remaining;
    }
}
