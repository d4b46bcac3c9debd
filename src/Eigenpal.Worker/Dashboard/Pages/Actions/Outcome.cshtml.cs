using Eigenpal.Worker.Dashboard.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Eigenpal.Worker.Dashboard.Pages.Actions;

/// <summary>
/// Where every action redirects after its POST: the audit row it wrote. A reload shows the record again
/// rather than repeating the action (post/redirect/get).
/// </summary>
public sealed class OutcomeModel(DashboardAudit audit) : PageModel
{
    /// <summary>The recorded action.</summary>
    public AuditEntry Entry { get; private set; } = null!;

    /// <summary>Shows the recorded action.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await audit.FindAsync(id, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        return Page();
    }

    /// <summary>Where the page links back to: the submission, the batch or the reprocessing page.</summary>
    public string TargetLink => Entry.TargetKind switch
    {
        DashboardActions.OnSubmission => $"/submissions/{Entry.TargetId}",
        DashboardActions.OnBatch => $"/batches/{Entry.TargetId}",
        _ => "/reprocessing",
    };
}
