using Eigenpal.Api;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Reconciliation;

/// <summary>
/// Lists every execution of a workflow created in a window, and says whether the listing is
/// complete. The list's ordering, page size and offset limits are not promised, so: pages are read
/// until <c>total</c> is reached whatever their size; a page that comes back empty before
/// <c>total</c> (a server that stops serving high offsets) splits the time range in halves that are
/// listed on their own; a 429 or a transient failure mid-listing waits (the fleet pause, a backoff)
/// and resumes at the same page instead of starting over. The window is bounded, so executions
/// created meanwhile do not stretch it, and an offset listing of it can only show an item twice,
/// never skip one, since executions are never deleted.
/// </summary>
public sealed partial class WindowLister(EigenpalClient client, TimeProvider time, ILogger logger)
{
    private const int PageSize = 100;
    private static readonly TimeSpan SmallestRange = TimeSpan.FromSeconds(1);

    /// <summary>How many times one page is asked for again after failures before the listing is given up as incomplete.</summary>
    public int MaxPageRetries { get; init; } = 8;

    /// <summary>The first backoff after a failed page (doubling); a 429 waits for the fleet pause instead.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Lists <paramref name="workflow"/>'s executions created in <paramref name="window"/>.</summary>
    public async Task<WindowListing> ListAsync(string workflow, ReconcileWindow window, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, ExecutionSummary>(StringComparer.Ordinal);
        var ranges = new Stack<ReconcileWindow>([window]);
        var calls = 0;
        while (ranges.TryPop(out var range))
        {
            var (outcome, used) = await ListRangeAsync(workflow, range, seen, cancellationToken);
            calls += used;
            switch (outcome)
            {
                case RangeOutcome.Complete:
                    break;
                case RangeOutcome.EndedEarly when range.To - range.From > SmallestRange:
                    var middle = range.From + ((range.To - range.From) / 2);
                    ranges.Push(new ReconcileWindow(range.From, middle));
                    ranges.Push(new ReconcileWindow(middle, range.To));
                    LogSplit(logger, workflow, range.From, range.To);
                    break;
                case RangeOutcome.EndedEarly:
                    return Incomplete($"the list of {workflow} ends before its total even for one second ({range.From:O})");
                default:
                    return Incomplete($"listing {workflow}'s executions failed {MaxPageRetries + 1} times on one page");
            }
        }

        return new WindowListing([.. seen.Values.Where(e => window.Contains(e.CreatedAt))], true, null, calls);

        WindowListing Incomplete(string problem) =>
            new([.. seen.Values.Where(e => window.Contains(e.CreatedAt))], false, problem, calls);
    }

    private async Task<(RangeOutcome Outcome, int Calls)> ListRangeAsync(
        string workflow, ReconcileWindow range, Dictionary<string, ExecutionSummary> seen, CancellationToken ct)
    {
        var offset = 0;
        var calls = 0;
        var inRange = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (page, used) = await PageAsync(workflow, range, offset, ct);
            calls += used;
            if (page is null)
            {
                return (RangeOutcome.Failed, calls);
            }

            foreach (var item in page.Data)
            {
                seen[item.Id] = item;
                inRange.Add(item.Id);
            }

            offset += page.Data.Count;
            if (offset >= page.Total)
            {
                // A listing that shifted under us shows items twice; fewer distinct items than the total means a hole.
                return (inRange.Count >= page.Total ? RangeOutcome.Complete : RangeOutcome.EndedEarly, calls);
            }

            if (page.Data.Count == 0)
            {
                return (RangeOutcome.EndedEarly, calls);
            }
        }
    }

    private async Task<(PagedList<ExecutionSummary>? Page, int Calls)> PageAsync(string workflow, ReconcileWindow range, int offset, CancellationToken ct)
    {
        var query = new ExecutionListQuery { From = range.From, To = range.To, Limit = PageSize, Offset = offset };
        return await new PageRetry(MaxPageRetries, RetryDelay, time).GetAsync(
            () => client.Workflows.Executions.ListAsync(workflow, query, ct),
            error => LogPageRetry(logger, workflow, offset, error),
            error => LogPageGaveUp(logger, workflow, offset, error),
            ct);
    }

    private enum RangeOutcome
    {
        Complete,
        EndedEarly,
        Failed,
    }

    [LoggerMessage(EventId = 230, EventName = "ReconcileListSplit", Level = LogLevel.Debug,
        Message = "The executions list of {Workflow} ended before its total; listing {From:O}..{To:O} in halves")]
    private static partial void LogSplit(ILogger logger, string workflow, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = 231, EventName = "ReconcileListRetry", Level = LogLevel.Debug,
        Message = "Listing {Workflow}'s executions at offset {Offset} failed ({Error}); resuming at the same page")]
    private static partial void LogPageRetry(ILogger logger, string workflow, int offset, string error);

    [LoggerMessage(EventId = 232, EventName = "ReconcileListGaveUp", Level = LogLevel.Warning,
        Message = "Listing {Workflow}'s executions at offset {Offset} keeps failing ({Error}); the reconciliation will be tried again later")]
    private static partial void LogPageGaveUp(ILogger logger, string workflow, int offset, string error);
}
