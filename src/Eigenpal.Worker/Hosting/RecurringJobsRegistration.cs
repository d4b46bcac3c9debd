using Eigenpal.Polling;
using Eigenpal.Reprocessing;
using Eigenpal.Retention;
using Eigenpal.Worker.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// Registers (or updates) the recurring poll tick and the retention's purge when the worker starts. Registering takes the
/// recurring job's distributed lock; a worker killed while holding it leaves its row behind until
/// Hangfire's <c>DistributedLockTimeout</c> (20 s here) clears it, which is longer than
/// <c>AddOrUpdate</c> waits. So a restart right after a SIGKILL keeps trying until the stale lock is
/// gone rather than failing the host — in the background, so the relay and the servers start at once.
/// If it still cannot register after that, the host stops (the exception ends the background service).
/// </summary>
internal sealed partial class RecurringJobsRegistration(
    IRecurringJobManager recurringJobs,
    IOptions<PollingOptions> polling,
    IOptions<ReprocessOptions> reprocess,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<RecurringJobsRegistration> logger) : BackgroundService
{
    // Twice Hangfire's distributed-lock timeout: a stale lock is certainly gone by then.
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(40);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                // A six-field cron: Hangfire's scheduler checks every SchedulePollingInterval (1 s here),
                // which is what makes a tick of a few seconds real.
                recurringJobs.AddOrUpdate<PollTickJob>(
                    PollTickJob.RecurringJobId, job => job.Run(), $"*/{polling.Value.TickSeconds} * * * * *");
                ReprocessFailedJob.Register(recurringJobs, reprocess.Value);
                RegisterPurgeInputs();
                return;
            }
            catch (Exception ex) when (ex is DistributedLockTimeoutException or PostgreSqlDistributedLockException
                                       && time.GetElapsedTime(started) < GiveUpAfter)
            {
                LogLockBusy(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <summary>The retention's nightly purge, in its configured zone; left out (and removed) when <c>Eigenpal:Retention:Enabled</c> is false.</summary>
    private void RegisterPurgeInputs()
    {
        var options = retention.Value;
        if (!options.Enabled)
        {
            recurringJobs.RemoveIfExists(PurgeInputsJob.RecurringJobId);
            return;
        }

        // Checked at start (RetentionOptionsValidator), so this parse cannot fail here.
        var schedule = CronSchedule.Parse(RetentionOptions.Section, options.Schedule, options.TimeZone);
        recurringJobs.AddOrUpdate<PurgeInputsJob>(
            PurgeInputsJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), schedule.Cron, new RecurringJobOptions { TimeZone = schedule.Zone });
    }

    [LoggerMessage(EventId = 610, EventName = "RecurringJobLockBusy", Level = LogLevel.Warning,
        Message = "The poll tick's recurring-job lock is held (a worker killed while holding it leaves it for up to 20 s): {Error}; trying again")]
    private static partial void LogLockBusy(ILogger logger, string error);
}
