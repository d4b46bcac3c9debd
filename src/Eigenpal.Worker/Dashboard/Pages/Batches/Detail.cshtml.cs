using Eigenpal.Insights;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard.Pages.Batches;

/// <summary>One batch: progress, counts per state, failure reasons, its latest failures, and the export links.</summary>
public sealed class DetailModel(BatchQueries batches, SubmissionQueries queries, IOptions<EigenpalDashboardOptions> options) : PageModel
{
    /// <summary>How many of the batch's failures are listed (the rest are a link away).</summary>
    public const int FailureRows = 25;

    public BatchProgress Progress { get; private set; } = null!;

    public IReadOnlyList<FailureReason> Reasons { get; private set; } = [];

    public SubmissionPage Failures { get; private set; } = new([], null);

    /// <summary>The submissions list of this batch's failures.</summary>
    public string FailuresUrl => $"{DashboardRoutes.Submissions}?batch={Progress.Batch.Id}&{string.Join('&', SubmissionQueries.FailingStates.Select(s => "state=" + s.Name()))}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await batches.FindAsync(id, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        Progress = (await batches.ProgressAsync([batch], TimeSpan.FromMinutes(options.Value.RateWindowMinutes), cancellationToken))[0];
        Reasons = await queries.TopFailureReasonsAsync(new SubmissionFilter(id.ToString()), since: null, 20, cancellationToken);
        Failures = await queries.PageAsync(
            new SubmissionPageQuery { BatchId = id, States = SubmissionQueries.FailingStates, Limit = FailureRows }, cancellationToken);
        return Page();
    }
}
