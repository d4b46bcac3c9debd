using Eigenpal.Submissions.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Eigenpal.Worker.Dashboard.Pages.Submissions;

/// <summary>The submissions list: filtered by state, workflow, batch and time, newest change first, keyset-paged.</summary>
public sealed class IndexModel(SubmissionQueries queries, TimeProvider time) : PageModel
{
    public SubmissionListRequest List { get; private set; } = SubmissionListRequest.Empty;

    public SubmissionPage Results { get; private set; } = new([], null);

    /// <summary>The address of the next page, or null on the last one.</summary>
    public string? NextUrl { get; private set; }

    /// <summary>True when this is not the first page (a cursor was given).</summary>
    public bool Paged => List.Query.After is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = SubmissionListRequest.Parse(HttpContext.Request.Query, time.GetUtcNow());
        if (List.Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Results = await queries.PageAsync(List.Query, cancellationToken);
        if (Results.Next is { } next)
        {
            var filters = List.FilterQueryString();
            NextUrl = DashboardRoutes.Submissions + (filters.Length == 0 ? "?" : filters + "&") + "cursor=" + Uri.EscapeDataString(next.Encode());
        }
    }
}
