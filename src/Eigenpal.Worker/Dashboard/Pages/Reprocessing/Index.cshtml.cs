using Eigenpal.Reprocessing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard.Pages.Reprocessing;

/// <summary>
/// Reprocessing at a glance: the reports of past runs (when, what started them, what they resubmitted and why
/// they skipped the rest), what the next run would take if it ran now (the runner's preview: counted, nothing written),
/// and when the schedule fires next.
/// </summary>
public sealed class IndexModel(ReprocessRunner runner, IOptions<ReprocessOptions> options, TimeProvider time) : PageModel
{
    /// <summary>How many past runs are listed.</summary>
    public const int RunsShown = 20;

    /// <summary>The latest runs, newest first.</summary>
    public IReadOnlyList<ReprocessReport> History { get; private set; } = [];

    /// <summary>What a run now would do.</summary>
    public ReprocessReport Next { get; private set; } = null!;

    /// <summary>The configured options (schedule, zone, cap, minimum age).</summary>
    public ReprocessOptions Options => options.Value;

    /// <summary>When the recurring job fires next; null when it is switched off or its cron never fires again.</summary>
    public DateTimeOffset? NextOccurrence { get; private set; }

    /// <summary>Reads the history, judges the next run and computes the schedule.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        History = await runner.HistoryAsync(RunsShown, cancellationToken);
        // Counted in SQL groups (PreviewAsync), not judged row by row: the page stays fast at any volume.
        Next = await runner.PreviewAsync(new ReprocessSelection(), ReprocessTrigger.Dashboard, cancellationToken);
        // Checked at start (ReprocessOptionsValidator): the cron and the zone parse.
        NextOccurrence = Options.Enabled
            ? CronSchedule.Parse(ReprocessOptionsValidator.Section, Options.Schedule, Options.TimeZone).NextAfter(time.GetUtcNow())
            : null;
    }

    /// <summary>The reasons worth a column: those any listed run (or the next) counted.</summary>
    public IReadOnlyList<SkipReason> ReasonsShown => SkipReasons.All
        .Where(r => History.Append(Next).Any(run => run.Skipped.GetValueOrDefault(r) > 0))
        .ToList();
}
