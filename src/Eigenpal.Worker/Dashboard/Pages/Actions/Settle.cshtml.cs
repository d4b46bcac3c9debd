using Eigenpal.Api;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Dashboard.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Eigenpal.Worker.Dashboard.Pages.Actions;

/// <summary>
/// Settle an undetermined submission, as <c>eigenpal resolve</c> does, through <see cref="UndeterminedResolver"/>:
/// adopt one of the executions the reconciler found (or another one, by id), or state that its request created
/// none so it is sent again. The resolver records the decision in the attempt's history; the audit row follows.
/// </summary>
[Authorize(Policy = AccessPolicies.Operator)]
public sealed class SettleModel(SubmissionQueries queries, UndeterminedResolver resolver, DashboardAudit audit) : PageModel
{
    /// <summary>The choice that means "its request created no execution".</summary>
    public const string NotSent = "not-sent";

    /// <summary>The submission as it is now.</summary>
    public SubmissionSummary Submission { get; private set; } = null!;

    /// <summary>Its undetermined attempt and candidates; null when it is not undetermined.</summary>
    public UndeterminedAttempt? Undetermined { get; private set; }

    /// <summary>A candidate's execution id, <see cref="NotSent"/>, or empty to use <see cref="OtherExecution"/>.</summary>
    [BindProperty]
    public string? Choice { get; set; }

    /// <summary>An execution id that is not among the candidates.</summary>
    [BindProperty]
    public string? OtherExecution { get; set; }

    /// <summary>Why, for the record.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Shows the candidates to choose from.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id.ToString(), cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Submission = detail.Submission;
        Undetermined = await resolver.FindUndeterminedAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Records the decision (or the resolver's refusal) and shows the outcome.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = AuditActor.Of(HttpContext);
        var execution = string.IsNullOrWhiteSpace(OtherExecution) ? Choice?.Trim() : OtherExecution.Trim();
        string outcome, detail;
        if (string.IsNullOrEmpty(execution))
        {
            (outcome, detail) = (DashboardActions.Refused, "no decision given: choose a candidate, give an execution id, or say that none was created");
        }
        else
        {
            try
            {
                var resolved = execution == NotSent
                    ? await resolver.NotSentAsync(id, actor.Describe(), Reason, cancellationToken)
                    : await resolver.AdoptAsync(id, execution, actor.Describe(), Reason, cancellationToken);
                (outcome, detail) = ("settled", $"now {resolved.State.Name()}: {resolved.Detail}");
            }
            catch (ResolutionException ex)
            {
                (outcome, detail) = (DashboardActions.Refused, ex.Message);
            }
            catch (EigenpalException ex)
            {
                (outcome, detail) = ("failed", "the API could not be asked about the execution: " + ex.Message);
            }
        }

        // The resolver commits the decision with its history row on its own connection; the audit row follows.
        var entry = await audit.RecordAsync(actor, DashboardActions.Settle, DashboardActions.OnSubmission, id, outcome, detail, cancellationToken);
        return RedirectToPage("/Actions/Outcome", new { id = entry.Id });
    }
}
