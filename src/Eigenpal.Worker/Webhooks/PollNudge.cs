using System.Threading.Channels;
using Eigenpal.Worker.Jobs;
using Hangfire;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// Makes a poll happen soon after a webhook made a run due: it enqueues one ordinary poll job
/// (<see cref="PollExecutionsJob"/>) unless one is already waiting. Requests coalesce (a burst of
/// events costs one job), the job runs on the poll server's own threads, within its connection budget,
/// and Hangfire's LISTEN/NOTIFY fetch starts it within milliseconds. The hinted row is already due in
/// the table, so a lost nudge (a crash, a full queue) only means the next recurring tick polls it.
/// </summary>
internal sealed class PollNudge(IBackgroundJobClient jobs, JobStorage storage, ILogger<PollNudge> logger) : BackgroundService
{
    // One pending request is enough: whatever arrives while it waits is served by the same job.
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Asks for a poll soon; returns at once (the webhook's answer never waits for Hangfire).</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // A waiting poll job claims every due row when it starts, the hinted one included.
                if (storage.GetMonitoringApi().EnqueuedCount(PollExecutionsJob.Queue) == 0)
                {
                    jobs.Enqueue<PollExecutionsJob>(job => job.RunAsync(CancellationToken.None));
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be restarting: the row stays due and the recurring tick polls it.
                WebhookLog.NudgeFailed(logger, ex.Message);
            }
        }
    }
}
