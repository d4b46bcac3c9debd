using Eigenpal.Submissions.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Eigenpal.Worker.Dashboard.Pages.Submissions;

/// <summary>One submission: its attempts chain, status history, results (escaped, collapsible), error and files (never their bytes).</summary>
public sealed class DetailModel(SubmissionQueries queries) : PageModel
{
    public SubmissionDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id.ToString(), cancellationToken) is not { } detail || detail.Submission.Id != id)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }
}
