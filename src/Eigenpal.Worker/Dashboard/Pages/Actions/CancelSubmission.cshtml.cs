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
/// Cancel one submission: the confirm page says what will happen, the POST goes through
/// <see cref="ExecutionCanceller"/> (what <c>eigenpal cancel</c> uses) and is audited. Operators only;
/// the confirm page too, since a viewer has nothing to confirm.
/// </summary>
[Authorize(Policy = AccessPolicies.Operator)]
public sealed class CancelSubmissionModel(SubmissionQueries queries, ExecutionCanceller canceller, DashboardAudit audit) : PageModel
{
    /// <summary>The submission as it is now.</summary>
    public SubmissionSummary Submission { get; private set; } = null!;

    /// <summary>What a cancel will do to it.</summary>
    public CancelPlan Plan { get; private set; } = null!;

    /// <summary>Shows the confirm page.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id.ToString(), cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Submission = detail.Submission;
        Plan = CancelPlan.For(Submission);
        return Page();
    }

    /// <summary>Cancels, records who did it, and shows the outcome.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        CancelResult result;
        try
        {
            result = await canceller.CancelSubmissionAsync(id, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        // The canceller commits on its own connections (and calls the API in between): the row follows right after.
        var entry = await audit.RecordAsync(AuditActor.Of(HttpContext), DashboardActions.CancelSubmission, DashboardActions.OnSubmission, id,
            result.Outcome, CancelOutcomes.Describe(result), cancellationToken);
        return RedirectToPage("/Actions/Outcome", new { id = entry.Id });
    }
}
