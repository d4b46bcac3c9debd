using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Storage;
using Eigenpal.Surfaces;
using Eigenpal.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Polling;

/// <summary>
/// Polls the executions that are due, as cheaply as the API allows: for a workflow with several
/// due executions, one list call over their creation window answers for all of them (legacy list
/// items carry status, result and error; v1 ones all but a completed run's output); a per-execution
/// get is made only for those the list did not answer. Each execution is polled on the surface its
/// run was sent on. Several workers poll at once without overlap, because due rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed partial class ExecutionPoller(
    NpgsqlDataSource dataSource,
    RunSurfaces surfaces,
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

    private readonly PollStore _store = new(dataSource, time);
    private readonly CompletionSweep _sweep = new(dataSource, new PollStore(dataSource), schedule, logger);

    /// <summary>Claims and polls due executions until none is due or the job budget is spent.</summary>
    public async Task<PollReport> PollDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        // Runs that ended on v1 are found by one listing per workflow first, so their polls are not waited for.
        var total = await _sweep.SweepAsync(surfaces.V1, settings, identity.Name, cancellationToken);
        while (time.GetElapsedTime(started) < settings.JobBudget)
        {
            var due = await _store.ClaimDueAsync(settings.ClaimBatchSize, settings.ClaimLease, cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            total = total.Add(await PollClaimedAsync(due, cancellationToken));
        }

        if (total.Claimed > 0 || total.Changed > 0)
        {
            LogPolled(logger, total.Claimed, total.Changed, total.Failed, total.ListCalls, total.GetCalls);
        }

        return total;
    }

    private async Task<PollReport> PollClaimedAsync(IReadOnlyList<DueExecution> due, CancellationToken ct)
    {
        var settings = options.Value;
        var cycle = new PollCycle();
        var cycleStart = time.GetUtcNow();
        var started = time.GetTimestamp();
        RecordedPolls recorded;
        try
        {
            await ObserveAsync(due, cycle, ct);
        }
        catch (EigenpalRateLimitException ex)
        {
            // The fleet is paused, which says nothing about any one execution: what was observed
            // (and what failed) is recorded below, the rest is polled again after the pause.
            cycle.Paused(ex.RetryAfter);
        }
        finally
        {
            // Record even when cancelled: observations made are facts, and the lease must not strand rows.
            var polled = cycle.ToRecord(due, schedule, settings.MinInterval, Random.Shared.NextDouble);
            recorded = await _store.RecordAsync(polled, identity.Name, settings.NotFoundTimeout, CancellationToken.None);
        }

        EigenpalMetrics.PollCycle(time.GetElapsedTime(started));
        if (EigenpalTracing.Enabled)
        {
            RecordPollSpans(due, cycle, cycleStart);
        }

        foreach (var vanished in recorded.Vanished)
        {
            LogVanished(logger, vanished.RemoteId, vanished.SubmissionId, vanished.Reason);
        }

        return new PollReport(due.Count, recorded.Changed, cycle.ListCalls, cycle.GetCalls, cycle.FailedCount, recorded.Vanished.Count);
    }

    private async Task ObserveAsync(IReadOnlyList<DueExecution> due, PollCycle cycle, CancellationToken ct)
    {
        foreach (var workflow in due.GroupBy(d => (d.Workflow, d.Surface)).Where(g => g.Count() >= options.Value.ListThreshold))
        {
            try
            {
                await ObserveThroughListAsync(surfaces.For(workflow.Key.Surface), workflow.Key.Workflow, workflow.ToList(), cycle, ct);
            }
            catch (Exception ex) when (ex is EigenpalException and not EigenpalRateLimitException or HttpRequestException)
            {
                // The list is only an accelerator: whatever it did not answer is asked one by one below.
                cycle.CountListCall();
                LogListFailed(logger, workflow.Key.Workflow, ex.Message);
            }
        }

        var remaining = due.Where(d => !cycle.IsAnswered(d.Id)).ToList();
        cycle.CountGetCalls(remaining.Count);
        await Parallel.ForEachAsync(remaining, new ParallelOptions { MaxDegreeOfParallelism = GetConcurrency, CancellationToken = ct },
            async (execution, token) => await GetAsync(execution, cycle, token));
    }

    /// <summary>
    /// Lists the workflow's executions created in the claimed executions' window, page by page.
    /// Each page answers for the claimed executions on it and, through one indexed lookup, for
    /// any other execution we track that it shows (recorded as seen, so it is not polled again
    /// soon). Paging stops when another page would cost more than it is likely to answer.
    /// An execution missing from every page is asked by get: the list never proves absence.
    /// </summary>
    private async Task ObserveThroughListAsync(IRunSurface surface, string workflow, List<DueExecution> claimed, PollCycle cycle, CancellationToken ct)
    {
        var claimedByRemoteId = claimed.ToDictionary(e => e.RemoteId, StringComparer.Ordinal);
        var from = claimed.Min(e => e.SentAt) - ClockSkew;
        var to = claimed.Max(e => e.SentAt) + ClockSkew;

        var pages = 0;
        var missing = claimed.Count;
        await foreach (var page in surface.ListCreatedAsync(workflow, from, to, ListPageSize, ct))
        {
            pages++;
            cycle.CountListCall();
            var answered = await AnswerFromPageAsync(page, claimedByRemoteId, cycle, ct);
            missing -= answered.Claimed;
            // Worth another page while it saves gets for claimed executions, or keeps answering for many tracked ones.
            if (missing == 0 ? answered.Total < ListPageSize / 10 : missing <= pages && answered.Total < ListPageSize / 10)
            {
                return;
            }
        }
    }

    private async Task<(int Claimed, int Total)> AnswerFromPageAsync(
        IReadOnlyList<ListedRun> page, Dictionary<string, DueExecution> claimedByRemoteId, PollCycle cycle, CancellationToken ct)
    {
        var claimedOnPage = 0;
        var others = new Dictionary<string, ListedRun>(StringComparer.Ordinal);
        // A run the page cannot fully answer for (a completed v1 run: its output) is left to a get.
        foreach (var item in page.Where(r => !r.NeedsGet))
        {
            if (claimedByRemoteId.TryGetValue(item.RemoteId, out var execution))
            {
                claimedOnPage += cycle.Observed(execution.Id, item.Observation) ? 1 : 0;
            }
            else
            {
                others[item.RemoteId] = item;
            }
        }

        var tracked = others.Count == 0 ? [] : await _store.FindTrackedAsync(others.Keys, ct);
        foreach (var execution in tracked)
        {
            cycle.AlsoSeen(new PolledExecution(
                execution, others[execution.RemoteId].Observation, null, schedule.NextDelay(execution.Age, Random.Shared.NextDouble())));
        }

        return (claimedOnPage, claimedOnPage + tracked.Count);
    }

    /// <summary>
    /// Gets one execution. A failure is noted for that execution alone (it backs off; a 404 also
    /// starts or continues its not-found clock); a 429 is not its failure and stops the cycle.
    /// </summary>
    private async Task GetAsync(DueExecution execution, PollCycle cycle, CancellationToken ct)
    {
        try
        {
            cycle.Observed(execution.Id, await surfaces.For(execution.Surface).GetAsync(execution.RemoteId, ct));
        }
        catch (EigenpalException ex) when (ex is not EigenpalRateLimitException)
        {
            LogPollFailed(logger, execution.RemoteId, ex.StatusCode, execution.PollFailures + 1, ex.Message);
            cycle.Failed(execution.Id, new PollFailure(
                ex.StatusCode == 0 ? ex.Message : $"{ex.StatusCode}: {ex.Message}", ex is EigenpalNotFoundException));
        }
        catch (HttpRequestException ex)
        {
            LogPollFailed(logger, execution.RemoteId, 0, execution.PollFailures + 1, ex.Message);
            cycle.Failed(execution.Id, new PollFailure(ex.Message, NotFound: false));
        }
    }

    /// <summary>One span per claimed execution of a traced submission: what this cycle learnt of it.</summary>
    private static void RecordPollSpans(IReadOnlyList<DueExecution> due, PollCycle cycle, DateTimeOffset cycleStart)
    {
        foreach (var execution in due.Where(d => d.TraceParent is not null))
        {
            var observation = cycle.ObservationOf(execution.Id);
            EigenpalTracing.RecordForSubmission("eigenpal.poll", execution.TraceParent, execution.SubmissionId, cycleStart,
            [
                new("eigenpal.workflow", execution.Workflow),
                new("eigenpal.attempt", execution.Attempt),
                new("eigenpal.execution_id", execution.RemoteId),
                new("eigenpal.poll.source", observation?.Source ?? "none"),
                new("eigenpal.status", observation is null ? null : AttemptStates.From(observation.Status).Name()),
            ]);
        }
    }

    [LoggerMessage(EventId = 400, EventName = "Polled", Level = LogLevel.Debug,
        Message = "Polled {Claimed} executions: {Changed} changed status, {Failed} could not be polled ({ListCalls} list calls, {GetCalls} get calls)")]
    private static partial void LogPolled(ILogger logger, int claimed, int changed, int failed, int listCalls, int getCalls);

    [LoggerMessage(EventId = 401, EventName = "PollFailed", Level = LogLevel.Warning,
        Message = "Polling execution {ExecutionId} failed ({StatusCode}, {Failures} in a row): {Error}; it is polled again later, backing off")]
    private static partial void LogPollFailed(ILogger logger, string executionId, int statusCode, int failures, string error);

    [LoggerMessage(EventId = 402, EventName = "ListFailed", Level = LogLevel.Warning,
        Message = "Listing executions of {Workflow} failed ({Error}); polling them one by one")]
    private static partial void LogListFailed(ILogger logger, string workflow, string error);

    [LoggerMessage(EventId = 403, EventName = "ExecutionVanished", Level = LogLevel.Error,
        Message = "Execution {ExecutionId} of submission {SubmissionId} ended vanished: {Reason}")]
    private static partial void LogVanished(ILogger logger, string executionId, Guid submissionId, string reason);
}
