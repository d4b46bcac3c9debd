using Eigenpal.Insights;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// Folds the submissions' state deltas into their totals every <see cref="Interval"/> (see
/// <see cref="StateTotalsFold"/>), so that the dashboard's and the metrics' totals stay a read of a few
/// thousand rows at any volume. Every worker runs it; the fold's advisory lock lets one of them at a time do
/// the work. The totals are exact without it (a read adds the unfolded deltas): a fold that fails, or a
/// fleet where no worker runs, only makes reads slower, so a failure is logged and the next tick tries again.
/// </summary>
internal sealed partial class StateTotalsFolding(StateTotalsFold fold, TimeProvider time, ILogger<StateTotalsFolding> logger) : BackgroundService
{
    /// <summary>How often the deltas are folded: at 1,000 changes/s that leaves a few thousand rows for a read to add.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await fold.FoldAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogFoldFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 620, EventName = "StateTotalsFoldFailed", Level = LogLevel.Warning,
        Message = "Folding the submission totals failed (they stay exact, reads only add more deltas until the next fold): {Error}")]
    private static partial void LogFoldFailed(ILogger logger, string error);
}
