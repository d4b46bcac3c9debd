using Eigenpal.Api;
using Eigenpal.Surfaces;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eigenpal.Polling;

/// <summary>
/// The v1 sweep (issue 8, "Tracking on v1"): per workflow with runs in flight on v1, one listing of
/// the runs that ended since the last sweep (<c>completedAfter</c> and a terminal-status filter)
/// finds what ended, whatever each run's poll schedule says; failed, cancelled and rejected ones are
/// recorded from the list (it carries their error), completed ones cost a get for their output.
/// One worker sweeps a workflow at a time: the mark row is leased for <see cref="PollingOptions.SweepInterval"/>
/// with one short statement, so no connection waits on the API. The mark follows the latest
/// <c>completedAt</c> seen (the API's own clock), and each sweep lists <see cref="PollingOptions.SweepOverlap"/>
/// before it, since a run may show in the list a little after it ended; what a sweep misses anyway,
/// the regular polls still find.
/// </summary>
internal sealed partial class CompletionSweep(NpgsqlDataSource dataSource, PollStore store, PollSchedule schedule, ILogger logger)
{
    private const int PageSize = 100;

    public async Task<PollReport> SweepAsync(V1Surface surface, PollingOptions settings, string observer, CancellationToken ct)
    {
        var report = PollReport.None;
        foreach (var (workflow, mark) in await LeaseDueWorkflowsAsync(settings.SweepInterval, ct))
        {
            try
            {
                report = report.Add(await SweepWorkflowAsync(surface, workflow, mark - settings.SweepOverlap, settings, observer, ct));
            }
            catch (Exception ex) when (ex is EigenpalException or HttpRequestException && !ct.IsCancellationRequested)
            {
                // Only an accelerator: the regular polls answer for these runs meanwhile.
                LogSweepFailed(logger, workflow, ex.Message);
            }
        }

        return report;
    }

    private async Task<PollReport> SweepWorkflowAsync(V1Surface surface, string workflow, DateTimeOffset after, PollingOptions settings, string observer, CancellationToken ct)
    {
        var listCalls = 0;
        var latest = after;
        var ended = new Dictionary<string, ListedRun>(StringComparer.Ordinal);
        await foreach (var page in surface.ListCompletedAsync(workflow, after, PageSize, ct))
        {
            listCalls++;
            foreach (var run in page)
            {
                ended[run.RemoteId] = run;
                if (run.Observation.CompletedAt is { } completedAt && completedAt > latest)
                {
                    latest = completedAt;
                }
            }
        }

        var tracked = ended.Count == 0 ? [] : await store.FindTrackedAsync(ended.Keys, ct);
        var polled = new List<PolledExecution>(tracked.Count);
        var gets = 0;
        foreach (var execution in tracked.Where(e => e.Surface == ApiSurface.V1))
        {
            var listed = ended[execution.RemoteId];
            var observation = listed.Observation;
            if (listed.NeedsGet)
            {
                gets++;
                try
                {
                    observation = await surface.GetAsync(execution.RemoteId, ct);
                }
                catch (Exception ex) when (ex is EigenpalException and not EigenpalRateLimitException or HttpRequestException)
                {
                    // Left to its regular poll, which counts and backs off failures.
                    continue;
                }
            }

            polled.Add(new PolledExecution(execution, observation, null, schedule.NextDelay(execution.Age, Random.Shared.NextDouble())));
        }

        var recorded = await store.RecordAsync(polled, observer, settings.NotFoundTimeout, CancellationToken.None);
        await AdvanceMarkAsync(workflow, latest, ct);
        if (polled.Count > 0)
        {
            LogSwept(logger, workflow, ended.Count, polled.Count, listCalls, gets);
        }

        return new PollReport(0, recorded.Changed, listCalls, gets, 0, 0);
    }

    /// <summary>
    /// The workflows with v1 runs in flight whose last sweep is at least <paramref name="interval"/> old,
    /// leased to this worker, each with its mark. A workflow swept for the first time starts from its
    /// oldest run in flight (its window's start, on the API's clock, which <c>completedAt</c> is on too).
    /// </summary>
    private async Task<List<(string Workflow, DateTimeOffset Mark)>> LeaseDueWorkflowsAsync(TimeSpan interval, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH live AS (
                SELECT workflow, min(COALESCE(window_from, sent_at)) AS oldest FROM eigenpal.executions
                WHERE surface = 'v1' AND next_poll_at IS NOT NULL AND remote_id IS NOT NULL
                GROUP BY workflow),
            marks AS (
                INSERT INTO eigenpal.sweep_marks (workflow, swept_until, swept_at)
                SELECT workflow, oldest - interval '1 minute', '-infinity' FROM live
                ON CONFLICT (workflow) DO NOTHING)
            UPDATE eigenpal.sweep_marks m SET swept_at = now()
            FROM live
            WHERE m.workflow = live.workflow AND m.swept_at <= now() - @interval
            RETURNING m.workflow, m.swept_until
            """);
        command.Parameters.AddWithValue("interval", interval);
        var due = new List<(string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            due.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return due;
    }

    private async Task AdvanceMarkAsync(string workflow, DateTimeOffset latest, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE eigenpal.sweep_marks SET swept_until = GREATEST(swept_until, @latest) WHERE workflow = @workflow");
        command.Parameters.AddWithValue("workflow", workflow);
        command.Parameters.AddWithValue("latest", latest);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(EventId = 410, EventName = "Swept", Level = LogLevel.Debug,
        Message = "Swept {Workflow}'s ended runs: {Ended} listed, {Recorded} of ours recorded ({ListCalls} list calls, {GetCalls} get calls)")]
    private static partial void LogSwept(ILogger logger, string workflow, int ended, int recorded, int listCalls, int getCalls);

    [LoggerMessage(EventId = 411, EventName = "SweepFailed", Level = LogLevel.Warning,
        Message = "Sweeping {Workflow}'s ended runs failed ({Error}); the regular polls find them meanwhile")]
    private static partial void LogSweepFailed(ILogger logger, string workflow, string error);
}
