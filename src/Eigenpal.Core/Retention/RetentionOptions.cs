using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Retention;

/// <summary>
/// The retention of stored inputs (section <c>Eigenpal:Retention</c>): how long the bytes of a finished
/// submission's files are kept, and when the recurring job <c>purge-inputs</c> purges the older ones.
/// A purge keeps every row, hash, size, file name and result; only <c>submission_files.content</c> goes.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Eigenpal:Retention";

    /// <summary>
    /// How long after a submission reached its final state its files' bytes are kept. Only a submission that no
    /// reprocess run will ever take again is purged (see <see cref="Reprocessing.ReprocessPolicy.IsDoneForGood"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan PurgeAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The recurring job's cron (five fields, or six with seconds), in <see cref="TimeZone"/>.</summary>
    public string Schedule { get; set; } = "30 3 * * *";

    /// <summary>The IANA time zone the cron is read in (<c>Europe/Berlin</c>, <c>America/New_York</c>, <c>UTC</c>).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>False to leave the recurring job out (<c>eigenpal purge</c> still works).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The most submissions one statement purges (with all their files). Each batch commits on its own, so a
    /// purge of 150,000 files never holds one long transaction, and a stopped purge keeps what it has done.
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
