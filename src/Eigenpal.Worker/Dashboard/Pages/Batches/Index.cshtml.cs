using Eigenpal.Insights;
using Eigenpal.Submissions.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard.Pages.Batches;

/// <summary>Every batch, newest first, with its progress, keyset-paged.</summary>
public sealed class IndexModel(BatchQueries batches, IOptions<EigenpalDashboardOptions> options) : PageModel
{
    /// <summary>Batches per page.</summary>
    public const int PageSize = 25;

    public IReadOnlyList<BatchProgress> Batches { get; private set; } = [];

    public string? NextUrl { get; private set; }

    public bool Paged { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken cancellationToken)
    {
        var after = PageCursor.TryParse(cursor, out var parsed) ? parsed : null;
        Paged = after is not null;
        var (page, next) = await batches.PageAsync(PageSize, after, cancellationToken);
        Batches = await batches.ProgressAsync(page, TimeSpan.FromMinutes(options.Value.RateWindowMinutes), cancellationToken);
        NextUrl = next is { } n ? $"{DashboardRoutes.Batches}?cursor={Uri.EscapeDataString(n.Encode())}" : null;
    }
}
