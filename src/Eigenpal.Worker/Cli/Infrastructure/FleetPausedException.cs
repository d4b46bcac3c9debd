namespace Eigenpal.Worker.Cli.Infrastructure;

/// <summary>
/// The fleet is paused by a 429 for longer than a command waits: nothing was sent, and the
/// command stops with exit code 4 saying how long the API asked every client to hold its calls.
/// </summary>
internal sealed class FleetPausedException(TimeSpan remaining, TimeSpan longestWait)
    : Exception($"The Eigenpal API rate-limited this fleet (429): every worker and command holds its calls for another {Math.Ceiling(remaining.TotalSeconds):0} s, " +
        $"longer than a command waits ({longestWait.TotalSeconds:0} s, Eigenpal__MaxRetryAfter). Nothing was sent; try again then.")
{
    /// <summary>How much of the pause was left.</summary>
    public TimeSpan Remaining { get; } = remaining;
}
