using Hangfire;

namespace Eigenpal.Worker.Jobs;

/// <summary>
/// The recurring job, every few seconds: it fans out one poll job per live Hangfire server so
/// that every worker process takes a share of the polling, unless earlier ones are still queued.
/// </summary>
public sealed class PollTickJob(IBackgroundJobClient jobs, JobStorage storage)
{
    /// <summary>The recurring job's id in Hangfire.</summary>
    public const string RecurringJobId = "poll-executions";

    /// <summary>Enqueues the poll jobs of this tick.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [Queue("poll")]
    public void Run()
    {
        var monitoring = storage.GetMonitoringApi();
        var servers = Math.Max(1, monitoring.Servers().Count);
        // Poll jobs still waiting from earlier ticks will do this tick's work; don't pile more behind them.
        var waiting = (int)monitoring.EnqueuedCount("poll");
        for (var i = waiting; i < servers; i++)
        {
            jobs.Enqueue<PollExecutionsJob>(job => job.RunAsync(CancellationToken.None));
        }
    }
}
