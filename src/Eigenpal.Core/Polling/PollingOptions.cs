using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Polling;

/// <summary>
/// How executions are polled (section <c>Eigenpal:Polling</c>). An execution is next polled
/// after <c>clamp(age × AgeFactor, MinInterval, MaxInterval)</c> with ±Jitter: young runs are
/// looked at often, hour-long runs rarely, and jitter keeps a batch from polling in lockstep.
/// After a failed poll the wait is at least <c>MinInterval × 2^failures</c> (up to MaxInterval).
/// Cross-field rules are checked by <see cref="PollingOptionsValidator"/>.
/// </summary>
public sealed class PollingOptions
{
    /// <summary>The shortest wait between two polls of one execution (also the wait before the first poll).</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "01:00:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two polls of one execution.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait grows as this fraction of the execution's age.</summary>
    [Range(0.01, 10)]
    public double AgeFactor { get; set; } = 0.25;

    /// <summary>Relative jitter applied to each wait (0.2 = ±20 %).</summary>
    [Range(0, 0.9)]
    public double Jitter { get; set; } = 0.2;

    /// <summary>How many due executions one worker claims at a time.</summary>
    [Range(1, 10_000)]
    public int ClaimBatchSize { get; set; } = 200;

    /// <summary>
    /// How long claimed executions stay invisible to other workers if this one dies while polling them
    /// (a killed worker's claims are picked up again after this long). A cycle that takes longer is
    /// harmless: another worker may poll the same rows, and every change is guarded by the status seen.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>With at least this many due executions of one workflow, one list call is tried before per-execution gets.</summary>
    [Range(1, 10_000)]
    public int ListThreshold { get; set; } = 3;

    /// <summary>One poll job stops claiming after this long, leaving the rest to the next tick.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan JobBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a get may keep answering 404 for one execution before the attempt ends
    /// <c>vanished</c> (and its submission with it). Counted on the database clock from the first
    /// 404 of an unbroken run of them; any successful poll starts it again. The list call never
    /// counts: an execution missing from a page proves nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan NotFoundTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the runs of a workflow that ended are swept on v1 (one <c>completedAfter</c> listing per
    /// workflow, by one worker at a time), whatever each run's own poll schedule says.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far before the latest end seen each sweep lists again: a run may show in the list a little after it ended.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SweepOverlap { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the recurring poll job runs (Hangfire's scheduler resolution bounds it from below).</summary>
    [Range(1, 59)]
    public int TickSeconds { get; set; } = 2;
}
