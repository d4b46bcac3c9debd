using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Reprocessing;

/// <summary>
/// Nightly reprocessing of failed executions (section <c>Eigenpal:Reprocess</c>): when the recurring
/// job runs, which failures qualify, and how many are resubmitted per run.
/// </summary>
public sealed class ReprocessOptions
{
    /// <summary>The recurring job's cron (five fields, or six with seconds), in <see cref="TimeZone"/>.</summary>
    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>The IANA time zone the cron is read in (<c>Europe/Berlin</c>, <c>America/New_York</c>, <c>UTC</c>).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>False to leave the recurring job out (the command still works).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A submission with this many attempts is not resubmitted again (per workflow in <see cref="Workflows"/>).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>A failure younger than this is left for a later run: a provider outage still going on fails its retries too.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MinAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most submissions one run resubmits; the rest wait for the next run and are reported as over the cap.</summary>
    [Range(1, 1_000_000)]
    public int CapPerRun { get; set; } = 1000;

    /// <summary>
    /// How fast one run releases its resubmissions, per second; unset means the fleet's rate limit
    /// (<c>Eigenpal:RateLimit:RequestsPerSecond</c>), so a mass failure goes back at the rate the
    /// API takes, spread out rather than as one flood ahead of new work.
    /// </summary>
    [Range(0.01, 100_000)]
    public double? RatePerSecond { get; set; }

    /// <summary>
    /// How many resubmissions one statement (and one commit) moves; the run's report is brought up to date
    /// after each, so a run stopped half-way says how far it got.
    /// </summary>
    [Range(1, 10_000)]
    public int MovesPerStatement { get; set; } = 500;

    /// <summary>Rules per workflow, by workflow name; a workflow not listed uses the defaults above.</summary>
    public Dictionary<string, WorkflowReprocessRules> Workflows { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One workflow's reprocessing rules. The API's <c>observability.failure.retryable</c> decides when it is
/// present; these rules decide only where it is not. Without a rule that matches, a failure is retryable.
/// </summary>
public sealed class WorkflowReprocessRules
{
    /// <summary>Overrides <see cref="ReprocessOptions.MaxAttempts"/> for this workflow.</summary>
    [Range(1, 100)]
    public int? MaxAttempts { get; set; }

    /// <summary>Failure categories (the API's <c>observability.failure.category</c>) that are never retried.</summary>
    public List<string> NotRetryableCategories { get; set; } = [];

    /// <summary>A regular expression over the error text: a failure whose error matches is never retried.</summary>
    public string? NotRetryableErrorPattern { get; set; }
}
