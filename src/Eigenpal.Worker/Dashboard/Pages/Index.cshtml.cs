using Eigenpal.Insights;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Eigenpal.Worker.Dashboard.Pages;

/// <summary>The overview: totals per workflow and state.</summary>
public sealed class IndexModel(SubmissionTotals totals) : PageModel
{
    public IReadOnlyList<WorkflowStateTotal> Totals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Totals = await totals.ByWorkflowAndStateAsync(cancellationToken);
}
