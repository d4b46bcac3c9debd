using Eigenpal.Reprocessing;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Dashboard.Audit;
using Eigenpal.Worker.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard.Pages.Reprocessing;

/// <summary>
/// Runs the recurring job <c>reprocess-failed</c> now, as Hangfire's "Trigger now" does (the run reports
/// itself as started from the dashboard), and audits who asked.
/// </summary>
[Authorize(Policy = AccessPolicies.Operator)]
public sealed class TriggerModel(IRecurringJobManager recurringJobs, IOptions<ReprocessOptions> options, DashboardAudit audit) : PageModel
{
    /// <summary>False when the recurring job is switched off (there is nothing to trigger).</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>Shows the confirm page.</summary>
    public void OnGet()
    {
    }

    /// <summary>Enqueues the run (or records why not) and shows the outcome.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        string outcome, detail;
        if (!Enabled)
        {
            (outcome, detail) = (DashboardActions.Refused, "the recurring job is switched off (Eigenpal:Reprocess:Enabled is false): run `eigenpal reprocess` instead");
        }
        else
        {
            recurringJobs.Trigger(ReprocessFailedJob.RecurringJobId);
            (outcome, detail) = ("triggered", "a reprocess run was enqueued in Hangfire; its report appears on the reprocessing page when it ends");
        }

        var entry = await audit.RecordAsync(AuditActor.Of(HttpContext), DashboardActions.TriggerReprocess, DashboardActions.OnReprocess, null, outcome, detail, cancellationToken);
        return RedirectToPage("/Actions/Outcome", new { id = entry.Id });
    }
}
