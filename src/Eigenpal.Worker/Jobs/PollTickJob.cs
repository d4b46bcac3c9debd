using Hangfire;

namespace Eigenpal.Worker.Jobs;

/// <summary>
/// The recurring job, every few seconds: it fans out one poll job per live worker process (see
/// <see cref="PollFanOut"/>) so that every process takes a share of the polling, unless earlier ones are still queued.
/// </summary>
public sealed class PollTickJob(IBackgroundJobClient jobs, JobStorage storage)
{
    /// <summary>The recurring job's id in Hangfire.</summary>
    public const string RecurringJobId = "poll-executions";

    /// <summary>Enqueues the poll jobs of this tick.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [Queue(PollExecutionsJob.Queue)]
    public void Run()
    {
        var monitoring = storage.GetMonitoringApi();
        // Poll jobs still waiting from earlier ticks will do this tick's work; don't pile more behind them.
        var toEnqueue = PollFanOut.JobsToEnqueue(monitoring.Servers(), monitoring.EnqueuedCount(PollExecutionsJob.Queue));
        for (var i = 0; i < toEnqueue; i++)
        {
            jobs.Enqueue<PollExecutionsJob>(job => job.RunAsync(CancellationToken.None));
        }
    }
}
