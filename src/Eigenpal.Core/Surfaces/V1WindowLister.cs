using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Surfaces;

/// <summary>
/// Lists every v1 run of a workflow created in a window, and says whether the listing is complete.
/// The v1 list has no <c>total</c>: only a <c>nextCursor</c> of null ends it, so short or empty pages
/// that still carry a cursor are followed, and a cursor that comes back again (a server looping)
/// ends the listing as incomplete rather than forever. A 429 or a transient failure resumes at the
/// same cursor. Runs of other workflows (a server that ignores <c>source</c>) and runs outside the
/// window (bounds of unknown inclusiveness, so the query is a second wider) are dropped here.
/// </summary>
internal sealed partial class V1WindowLister(RunsClient runs, TimeProvider time, ILogger logger)
{
    private const int PageSize = 100;
    private const int MaxPages = 10_000;
    private static readonly TimeSpan BoundMargin = TimeSpan.FromSeconds(1);

    public int MaxPageRetries { get; init; } = 8;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Lists the runs of <paramref name="automation"/> created in <paramref name="window"/>; with <paramref name="statuses"/>,
    /// only those the list's <c>status</c> filter returns (a server that ignores it returns more: callers filter again).
    /// </summary>
    public async Task<WindowListing> ListAsync(AutomationRef automation, ReconcileWindow window, CancellationToken ct, IReadOnlyList<ExecutionStatus>? statuses = null)
    {
        var seen = new Dictionary<string, ExecutionSummary>(StringComparer.Ordinal);
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var calls = 0;
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var (page, used) = await PageAsync(automation, window, statuses, cursor, ct);
            calls += used;
            if (page is null)
            {
                return Result(false, $"listing {automation.Slug}'s runs failed {MaxPageRetries + 1} times on one page");
            }

            foreach (var item in page.Runs.Where(r => r.Source.Id == automation.Id && window.Contains(r.Timing.CreatedAt)))
            {
                seen[item.Id] = V1Mapping.ToSummary(item);
            }

            if (page.NextCursor is null)
            {
                return Result(true, null);
            }

            if (!cursors.Add(page.NextCursor))
            {
                return Result(false, $"the runs list of {automation.Slug} returned cursor '{page.NextCursor}' twice");
            }

            cursor = page.NextCursor;
        }

        return Result(false, $"the runs list of {automation.Slug} did not end within {MaxPages} pages");

        WindowListing Result(bool complete, string? problem) => new([.. seen.Values], complete, problem, calls);
    }

    private async Task<(RunsPage? Page, int Calls)> PageAsync(AutomationRef automation, ReconcileWindow window, IReadOnlyList<ExecutionStatus>? statuses, string? cursor, CancellationToken ct)
    {
        var query = new RunListQuery
        {
            Type = "workflow",
            Source = automation.Id,
            Statuses = statuses,
            CreatedAfter = window.From - BoundMargin,
            CreatedBefore = window.To + BoundMargin,
            Limit = PageSize,
            Cursor = cursor,
        };
        return await new PageRetry(MaxPageRetries, RetryDelay, time).GetAsync(
            () => runs.ListAsync(query, ct),
            error => LogPageRetry(logger, automation.Slug, error),
            error => LogPageGaveUp(logger, automation.Slug, error),
            ct);
    }

    [LoggerMessage(EventId = 233, EventName = "ReconcileRunsListRetry", Level = LogLevel.Debug,
        Message = "Listing {Workflow}'s runs failed ({Error}); resuming at the same cursor")]
    private static partial void LogPageRetry(ILogger logger, string workflow, string error);

    [LoggerMessage(EventId = 234, EventName = "ReconcileRunsListGaveUp", Level = LogLevel.Warning,
        Message = "Listing {Workflow}'s runs keeps failing ({Error}); the reconciliation will be tried again later")]
    private static partial void LogPageGaveUp(ILogger logger, string workflow, string error);
}
