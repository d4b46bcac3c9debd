using Eigenpal.Worker.Hosting;
using Eigenpal.Worker.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Relay;

/// <summary>
/// The relay from table to job queue: it turns recorded submissions into Hangfire jobs. Rows
/// are claimed with <c>FOR UPDATE SKIP LOCKED</c> (so relays on several workers split them) and
/// marked with the time their job was enqueued; jobs are enqueued before that mark commits, so
/// a crash in between only causes a duplicate job, which the sender turns into a no-op.
/// Submissions whose job was lost with a dead worker, or whose sender died mid-send, get a new
/// job when their <c>relay_at</c> comes (<see cref="WorkerOptions.ReenqueueAfter"/> after the last
/// job, <c>Sender:ReconcileAfter</c> after a send began). While Hangfire's submit queue is full
/// (<see cref="WorkerOptions.MaxQueuedSubmitJobs"/>) the backlog waits in the table.
/// </summary>
public sealed partial class SubmissionRelay(
    NpgsqlDataSource dataSource, IBackgroundJobClient jobs, JobStorage storage, IOptions<WorkerOptions> options, ILogger<SubmissionRelay> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var wakeUp = new SubmissionNotifications(dataSource, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var relayed = await RelayOnceAsync(stoppingToken);
                if (relayed == 0)
                {
                    await wakeUp.WaitAsync(options.Value.RelayInterval, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be restarting (Hangfire wraps that in BackgroundJobClientException):
                // nothing is lost, the rows are still there when it is back. The relay must never stop.
                LogRelayFailed(logger, ex.Message);
                await Task.Delay(options.Value.RelayInterval, stoppingToken);
            }
        }
    }

    /// <summary>Enqueues jobs for one batch of ready submissions; returns how many submissions were relayed.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (storage.GetMonitoringApi().EnqueuedCount(SubmitChunkJob.Queue) >= settings.MaxQueuedSubmitJobs)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // relay_at says when a waiting row next needs a job: now for new rows, after Retry-After
        // for throttled ones, and — once a job exists — only when that job should long be done.
        await using var claim = new NpgsqlCommand("""
            WITH ready AS (
                SELECT id FROM eigenpal.submissions
                WHERE state IN ('pending', 'sending') AND relay_at <= now()
                ORDER BY relay_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE eigenpal.submissions s SET enqueued_at = now(), relay_at = now() + @reenqueue
            FROM ready WHERE s.id = ready.id
            RETURNING s.id
            """, connection, transaction);
        claim.Parameters.AddWithValue("reenqueue", settings.ReenqueueAfter);
        claim.Parameters.AddWithValue("limit", settings.ChunkSize * 50);
        var ids = new List<Guid>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        foreach (var chunk in ids.Chunk(settings.ChunkSize))
        {
            jobs.Enqueue<SubmitChunkJob>(job => job.RunAsync(chunk, CancellationToken.None));
        }

        await transaction.CommitAsync(cancellationToken);
        if (ids.Count > 0)
        {
            LogRelayed(logger, ids.Count, (ids.Count + settings.ChunkSize - 1) / settings.ChunkSize);
        }

        return ids.Count;
    }

    [LoggerMessage(EventId = 600, EventName = "Relayed", Level = LogLevel.Debug, Message = "Relayed {Count} submissions in {Jobs} submit jobs")]
    private static partial void LogRelayed(ILogger logger, int count, int jobs);

    [LoggerMessage(EventId = 601, EventName = "RelayFailed", Level = LogLevel.Warning, Message = "The relay could not read the store ({Error}); retrying")]
    private static partial void LogRelayFailed(ILogger logger, string error);
}
