using Eigenpal.Retention;
using Hangfire;

namespace Eigenpal.Worker.Jobs;

/// <summary>
/// The recurring job <c>purge-inputs</c> (cron <c>Eigenpal:Retention:Schedule</c>, in <c>Eigenpal:Retention:TimeZone</c>):
/// purges the stored file bytes of submissions finished more than <c>Eigenpal:Retention:PurgeAfter</c> ago that no
/// reprocess run will take again, and logs what it freed. It can be triggered from the Hangfire dashboard too. The work
/// is the <see cref="InputPurger"/>'s; each of its batches commits on its own, so a run cut short (or two at once) is safe.
/// </summary>
public sealed partial class PurgeInputsJob(InputPurger purger, ILogger<PurgeInputsJob> logger)
{
    /// <summary>The recurring job's id in Hangfire (and the dashboard).</summary>
    public const string RecurringJobId = "purge-inputs";

    /// <summary>Purges what is older than the configured retention. Retried twice (the database away, say); the retry takes up where the run stopped.</summary>
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [60, 600])]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retention = purger.Options;
        var report = await purger.PurgeAsync(purger.CutoffFor(retention.PurgeAfter), dryRun: false, progress: null, cancellationToken);
        foreach (var group in report.Purged)
        {
            LogGroupPurged(logger, group.Files, group.Bytes, group.Submissions, group.State, group.Workflow);
        }

        LogPurged(logger, report.Submissions, report.Files, report.Bytes, report.Cutoff, report.KeptSubmissions, report.ChangedMeanwhile);
    }

    [LoggerMessage(EventId = 1200, EventName = "InputsPurged", Level = LogLevel.Information,
        Message = "Retention: purged the stored files of {Submissions} submission(s) finished before {Cutoff:u} ({Files} file(s), {Bytes} bytes freed); " +
            "kept those of {Kept} older submission(s) a reprocess run may still take; {ChangedMeanwhile} changed meanwhile and kept theirs")]
    private static partial void LogPurged(ILogger logger, long submissions, long files, long bytes, DateTimeOffset cutoff, long kept, long changedMeanwhile);

    [LoggerMessage(EventId = 1201, EventName = "InputsPurgedGroup", Level = LogLevel.Information,
        Message = "Retention: purged {Files} file(s) ({Bytes} bytes) of {Submissions} {State} submission(s) of {Workflow}")]
    private static partial void LogGroupPurged(ILogger logger, long files, long bytes, long submissions, string state, string workflow);
}
