using Eigenpal.Insights;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard.Pages;

/// <summary>
/// The overview: totals per state, workflow and batch, throughput and durations, failure reasons, stuck work, what
/// awaits a decision, errors and recent failures. Each section is one bounded query (see the Core query classes).
/// </summary>
public sealed class IndexModel(
    SubmissionTotals totals, BatchQueries batches, ThroughputQueries throughput, SubmissionQueries queries,
    IOptions<EigenpalDashboardOptions> options, TimeProvider time) : PageModel
{
    /// <summary>How many recent batches, failures and errors the overview shows.</summary>
    public const int Rows = 10;

    public IReadOnlyList<WorkflowStateTotal> Totals { get; private set; } = [];

    public IReadOnlyDictionary<SubmissionState, long> StateTotals { get; private set; } = new Dictionary<SubmissionState, long>();

    public IReadOnlyList<string> Workflows { get; private set; } = [];

    public IReadOnlyList<BatchProgress> RecentBatches { get; private set; } = [];

    public IReadOnlyList<ThroughputMinute> Throughput { get; private set; } = [];

    public IReadOnlyList<WorkflowDuration> Durations { get; private set; } = [];

    public IReadOnlyList<FailureReason> FailureReasons { get; private set; } = [];

    public IReadOnlyList<StuckState> Stuck { get; private set; } = [];

    public IReadOnlyList<AwaitingDecision> Awaiting { get; private set; } = [];

    public IReadOnlyList<SubmissionListItem> Errors { get; private set; } = [];

    public IReadOnlyList<SubmissionListItem> RecentFailures { get; private set; } = [];

    public EigenpalDashboardOptions Options => options.Value;

    public long Count(string workflow, SubmissionState state) =>
        Totals.Where(t => t.Workflow == workflow && t.State == state).Sum(t => t.Count);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        Totals = await totals.ByWorkflowAndStateAsync(cancellationToken);
        StateTotals = SubmissionStates.All.ToDictionary(s => s, s => Totals.Where(t => t.State == s).Sum(t => t.Count));
        Workflows = [.. Totals.Select(t => t.Workflow).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var (recent, _) = await batches.PageAsync(Rows, null, cancellationToken);
        RecentBatches = await batches.ProgressAsync(recent, TimeSpan.FromMinutes(o.RateWindowMinutes), cancellationToken);
        Throughput = await throughput.PerMinuteAsync(o.ChartHours, cancellationToken);
        Durations = await throughput.DurationsAsync(o.ChartHours, o.DurationSample, cancellationToken);
        FailureReasons = await queries.TopFailureReasonsAsync(new SubmissionFilter(), time.GetUtcNow().AddHours(-o.FailureWindowHours), Rows, cancellationToken);
        Stuck = await queries.StuckAsync(o.StuckThresholds(), 5, o.StuckCountCap, cancellationToken);
        Awaiting = await queries.AwaitingDecisionAsync(new SubmissionFilter(), Rows, cancellationToken);
        Errors = (await queries.PageAsync(new SubmissionPageQuery { States = [SubmissionState.Error], Limit = Rows }, cancellationToken)).Items;
        RecentFailures = (await queries.PageAsync(
            new SubmissionPageQuery { States = [SubmissionState.Failed, SubmissionState.Rejected, SubmissionState.Vanished], Limit = Rows * 2 },
            cancellationToken)).Items;
    }
}
