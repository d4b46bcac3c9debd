using System.ComponentModel;
using Eigenpal.Reprocessing;
using Hangfire;
using Hangfire.Server;

namespace Eigenpal.Worker.Jobs;

/// <summary>
/// The recurring job <c>reprocess-failed</c>: one reprocess run (see <see cref="ReprocessRunner"/>) on the
/// configured cron, or when "Trigger now" is pressed in the Hangfire dashboard. It is not retried by
/// Hangfire: a run that failed half-way is reported as such, and the next run takes what it left.
/// </summary>
public sealed class ReprocessFailedJob(ReprocessRunner runner, JobStorage storage)
{
    /// <summary>The recurring job's id in Hangfire.</summary>
    public const string RecurringJobId = "reprocess-failed";

    // The reason Hangfire's RecurringJobManager.Trigger (the dashboard's "Trigger now") gives the enqueued state;
    // the scheduler's own says "Triggered by recurring job scheduler".
    private const string ManualTriggerReason = "recurring job manager";

    /// <summary>
    /// Registers the job on its cron in its zone (both checked at start), or removes it when switched off.
    /// Hangfire computes each next run with the zone's daylight-saving rules: a time that does not exist
    /// (spring forward) runs at the first moment after the gap, a time that occurs twice (fall back) runs once.
    /// </summary>
    public static void Register(IRecurringJobManager recurringJobs, ReprocessOptions options)
    {
        if (!options.Enabled)
        {
            recurringJobs.RemoveIfExists(RecurringJobId);
            return;
        }

        var schedule = CronSchedule.Parse(ReprocessOptionsValidator.Section, options.Schedule, options.TimeZone);
        recurringJobs.AddOrUpdate<ReprocessFailedJob>(
            RecurringJobId, job => job.RunAsync(null, CancellationToken.None), schedule.Cron, new RecurringJobOptions { TimeZone = schedule.Zone });
    }

    /// <summary>Runs the selection of every failed submission; <paramref name="context"/> is supplied by Hangfire.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Reprocess failed executions")]
    public async Task RunAsync(PerformContext? context, CancellationToken cancellationToken)
    {
        await runner.RunAsync(new ReprocessRequest(TriggerOf(context), new ReprocessSelection()), ct: cancellationToken);
    }

    private ReprocessTrigger TriggerOf(PerformContext? context)
    {
        if (context?.BackgroundJob?.Id is not { } jobId)
        {
            return ReprocessTrigger.Schedule;
        }

        // Whatever order the storage keeps the history in: one manual enqueue makes it a manual run.
        var history = storage.GetMonitoringApi().JobDetails(jobId)?.History ?? [];
        return history.Any(h => string.Equals(h.StateName, "Enqueued", StringComparison.Ordinal)
                                && h.Reason?.Contains(ManualTriggerReason, StringComparison.OrdinalIgnoreCase) == true)
            ? ReprocessTrigger.Dashboard
            : ReprocessTrigger.Schedule;
    }
}
