using Eigenpal.Api;
using Eigenpal.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Polling;

/// <summary>
/// Polls the executions that are due, as cheaply as the API allows: for a workflow with several
/// due executions, one list call over their creation window answers for all of them (list items
/// carry status, result and error); a per-execution get is made only for those the list did not
/// show. Several workers poll at once without overlap, because due rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed partial class ExecutionPoller(
    NpgsqlDataSource dataSource,
    EigenpalClient client,
    IOptions<PollingOptions> options,
    PollSchedule schedule,
    TimeProvider time,
    WorkerIdentity identity,
    ILogger<ExecutionPoller> logger)
{
    private const int ListPageSize = 100;
    private const int GetConcurrency = 8;

    // The API's clock and ours differ a little; the list window is widened by this much.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly PollStore _store = new(dataSource);

    /// <summary>Claims and polls due executions until none is due or the job budget is spent.</summary>
    public async Task<PollReport> PollDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        var total = new PollReport(0, 0, 0, 0);
        while (time.GetElapsedTime(started) < settings.JobBudget)
        {
            var due = await _store.ClaimDueAsync(settings.ClaimBatchSize, settings.ClaimLease, cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            var report = await PollClaimedAsync(due, cancellationToken);
            total = new PollReport(total.Claimed + report.Claimed, total.Changed + report.Changed,
                total.ListCalls + report.ListCalls, total.GetCalls + report.GetCalls);
        }

        if (total.Claimed > 0)
        {
            LogPolled(logger, total.Claimed, total.Changed, total.ListCalls, total.GetCalls);
        }

        return total;
    }

    private async Task<PollReport> PollClaimedAsync(IReadOnlyList<DueExecution> due, CancellationToken ct)
    {
        var observed = new Dictionary<Guid, ExecutionObservation>();
        var alsoSeen = new Dictionary<Guid, PolledExecution>();
        var calls = (List: 0, Get: 0);
        var changed = 0;
        try
        {
            calls = await ObserveAsync(due, observed, alsoSeen, ct);
        }
        catch (EigenpalRateLimitException)
        {
            // The fleet is paused; what was observed is recorded below, the rest is polled after the pause.
        }
        finally
        {
            // Record even when cancelled: observations made are facts, and the lease must not strand rows.
            var polled = due.Select(d => observed.TryGetValue(d.Id, out var o)
                ? new PolledExecution(d, o, schedule.NextDelay(d.Age, Random.Shared.NextDouble()))
                : new PolledExecution(d, null, options.Value.MinInterval)).ToList();
            polled.AddRange(alsoSeen.Values.Where(p => !observed.ContainsKey(p.Execution.Id)));
            changed = await _store.RecordAsync(polled, identity.Name, CancellationToken.None);
        }

        return new PollReport(due.Count, changed, calls.List, calls.Get);
    }

    private async Task<(int List, int Get)> ObserveAsync(
        IReadOnlyList<DueExecution> due, Dictionary<Guid, ExecutionObservation> observed, Dictionary<Guid, PolledExecution> alsoSeen, CancellationToken ct)
    {
        var listCalls = 0;
        foreach (var workflow in due.GroupBy(d => d.Workflow).Where(g => g.Count() >= options.Value.ListThreshold))
        {
            try
            {
                listCalls += await ObserveThroughListAsync(workflow.Key, workflow.ToList(), observed, alsoSeen, ct);
            }
            catch (Exception ex) when (ex is EigenpalException and not EigenpalRateLimitException or HttpRequestException)
            {
                // The list is only an accelerator: whatever it did not answer is asked one by one below.
                listCalls++;
                LogListFailed(logger, workflow.Key, ex.Message);
            }
        }

        var remaining = due.Where(d => !observed.ContainsKey(d.Id)).ToList();
        await Parallel.ForEachAsync(remaining, new ParallelOptions { MaxDegreeOfParallelism = GetConcurrency, CancellationToken = ct },
            async (execution, token) =>
            {
                var observation = await TryGetAsync(execution, token);
                if (observation is not null)
                {
                    lock (observed)
                    {
                        observed[execution.Id] = observation;
                    }
                }
            });
        return (listCalls, remaining.Count);
    }

    /// <summary>
    /// Lists the workflow's executions created in the claimed executions' window, page by page.
    /// Each page answers for the claimed executions on it and, through one indexed lookup, for
    /// any other execution we track that it shows (recorded as seen, so it is not polled again
    /// soon). Paging stops when another page would cost more than it is likely to answer.
    /// </summary>
    private async Task<int> ObserveThroughListAsync(
        string workflow, List<DueExecution> claimed, Dictionary<Guid, ExecutionObservation> observed,
        Dictionary<Guid, PolledExecution> alsoSeen, CancellationToken ct)
    {
        var claimedByRemoteId = claimed.ToDictionary(e => e.RemoteId, StringComparer.Ordinal);
        var query = new ExecutionListQuery
        {
            From = claimed.Min(e => e.SentAt) - ClockSkew,
            To = claimed.Max(e => e.SentAt) + ClockSkew,
            Limit = ListPageSize,
        };

        var pages = 0;
        var missing = claimed.Count;
        var page = new List<ExecutionSummary>(ListPageSize);
        await foreach (var item in client.Workflows.Executions.ListAllAsync(workflow, query, ct))
        {
            page.Add(item);
            if (page.Count < ListPageSize)
            {
                continue;
            }

            pages++;
            var answered = await AnswerFromPageAsync(page, claimedByRemoteId, observed, alsoSeen, ct);
            missing -= answered.Claimed;
            page.Clear();
            // Worth another page while it saves gets for claimed executions, or keeps answering for many tracked ones.
            if (missing == 0 ? answered.Total < ListPageSize / 10 : missing <= pages && answered.Total < ListPageSize / 10)
            {
                return pages;
            }
        }

        if (page.Count > 0 || pages == 0)
        {
            pages++;
            await AnswerFromPageAsync(page, claimedByRemoteId, observed, alsoSeen, ct);
        }

        return pages;
    }

    private async Task<(int Claimed, int Total)> AnswerFromPageAsync(
        List<ExecutionSummary> page, Dictionary<string, DueExecution> claimedByRemoteId,
        Dictionary<Guid, ExecutionObservation> observed, Dictionary<Guid, PolledExecution> alsoSeen, CancellationToken ct)
    {
        var claimedOnPage = 0;
        var others = new Dictionary<string, ExecutionSummary>(StringComparer.Ordinal);
        foreach (var item in page)
        {
            if (claimedByRemoteId.TryGetValue(item.Id, out var execution))
            {
                claimedOnPage += observed.TryAdd(execution.Id, ExecutionObservation.From(item)) ? 1 : 0;
            }
            else
            {
                others[item.Id] = item;
            }
        }

        var tracked = others.Count == 0 ? [] : await _store.FindTrackedAsync(others.Keys, ct);
        foreach (var execution in tracked)
        {
            alsoSeen[execution.Id] = new PolledExecution(
                execution, ExecutionObservation.From(others[execution.RemoteId]), schedule.NextDelay(execution.Age, Random.Shared.NextDouble()));
        }

        return (claimedOnPage, claimedOnPage + tracked.Count);
    }

    private async Task<ExecutionObservation?> TryGetAsync(DueExecution execution, CancellationToken ct)
    {
        try
        {
            return ExecutionObservation.From(await client.Workflows.Executions.GetAsync(execution.RemoteId, includeSteps: false, ct));
        }
        catch (EigenpalException ex) when (ex is not EigenpalRateLimitException)
        {
            LogPollFailed(logger, execution.RemoteId, ex.StatusCode, ex.Message);
            return null;
        }
        catch (HttpRequestException ex)
        {
            LogPollFailed(logger, execution.RemoteId, 0, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 400, EventName = "Polled", Level = LogLevel.Debug,
        Message = "Polled {Claimed} executions: {Changed} changed status ({ListCalls} list calls, {GetCalls} get calls)")]
    private static partial void LogPolled(ILogger logger, int claimed, int changed, int listCalls, int getCalls);

    [LoggerMessage(EventId = 402, EventName = "ListFailed", Level = LogLevel.Warning,
        Message = "Listing executions of {Workflow} failed ({Error}); polling them one by one")]
    private static partial void LogListFailed(ILogger logger, string workflow, string error);

    [LoggerMessage(EventId = 401, EventName = "PollFailed", Level = LogLevel.Warning,
        Message = "Polling execution {ExecutionId} failed ({StatusCode}): {Error}; it is polled again later")]
    private static partial void LogPollFailed(ILogger logger, string executionId, int statusCode, string error);
}
