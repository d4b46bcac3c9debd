using Eigenpal.Executions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Dashboard.Actions;
using Eigenpal.Worker.Dashboard.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Eigenpal.Worker.Dashboard.Pages.Actions;

/// <summary>
/// Cancel every unfinished submission of a batch, as <c>eigenpal cancel --batch</c> does: each through
/// <see cref="ExecutionCanceller"/>, each audited on its submission, and the whole on the batch.
/// </summary>
[Authorize(Policy = AccessPolicies.Operator)]
public sealed class CancelBatchModel(SubmissionQueries queries, ExecutionCanceller canceller, DashboardAudit audit) : PageModel
{
    /// <summary>The batch.</summary>
    public Guid BatchId { get; private set; }

    /// <summary>The batch's submissions per state.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; private set; } = new Dictionary<string, long>();

    /// <summary>How many are not final yet (what the cancel acts on).</summary>
    public int Unfinished { get; private set; }

    /// <summary>Shows what will be cancelled.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var filter = new SubmissionFilter(id.ToString());
        if (!await queries.BatchExistsAsync(id.ToString(), cancellationToken))
        {
            return NotFound();
        }

        BatchId = id;
        Counts = await queries.CountByStateAsync(filter, cancellationToken);
        Unfinished = (await queries.UnfinishedIdsAsync(filter, cancellationToken)).Count;
        return Page();
    }

    /// <summary>Cancels each unfinished submission, records each, and shows the batch's outcome.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await queries.BatchExistsAsync(id.ToString(), cancellationToken))
        {
            return NotFound();
        }

        var actor = AuditActor.Of(HttpContext);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var submission in await queries.UnfinishedIdsAsync(new SubmissionFilter(id.ToString()), cancellationToken))
        {
            var result = await canceller.CancelSubmissionAsync(submission, cancellationToken);
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            await audit.RecordAsync(actor, DashboardActions.CancelBatch, DashboardActions.OnSubmission, submission,
                result.Outcome, CancelOutcomes.Describe(result), cancellationToken);
        }

        var summary = outcomes.Count == 0
            ? "nothing to cancel: every submission had already ended"
            : string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Value} {o.Key}"));
        var overall = outcomes.Keys.Any(CancelOutcomes.IsRefusal) ? "partly-cancelled" : outcomes.Count == 0 ? "nothing-to-cancel" : "cancelled";
        var entry = await audit.RecordAsync(actor, DashboardActions.CancelBatch, DashboardActions.OnBatch, id, overall, summary, cancellationToken);
        return RedirectToPage("/Actions/Outcome", new { id = entry.Id });
    }
}
