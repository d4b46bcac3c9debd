using Eigenpal.Submissions;
using Eigenpal.Worker.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Jobs;

/// <summary>
/// A Hangfire trigger over a chunk of recorded submissions. It holds no state of its own: the
/// sender locks and checks each row, so running this job twice sends nothing twice.
/// </summary>
public sealed partial class SubmitChunkJob(SubmissionSender sender, IOptions<WorkerOptions> options, ILogger<SubmitChunkJob> logger)
{
    /// <summary>The Hangfire queue of submit jobs.</summary>
    public const string Queue = "submit";

    /// <summary>Sends each submission of the chunk (concurrently up to <see cref="WorkerOptions.SendConcurrency"/>).</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 30])]
    [Queue(Queue)]
    public async Task RunAsync(Guid[] submissionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        var failures = 0;
        await Parallel.ForEachAsync(submissionIds,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                try
                {
                    var outcome = await sender.SendAsync(id, ct);
                    LogOutcome(logger, id, outcome);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One submission's trouble (a dropped database connection, say) must not hold up the others.
                    Interlocked.Increment(ref failures);
                    LogSendFailed(logger, ex, id);
                }
            });

        if (failures > 0)
        {
            // Hangfire retries the chunk; rows already sent are no-ops the second time.
            throw new InvalidOperationException($"{failures} of {submissionIds.Length} submissions could not be processed; the job will be retried.");
        }
    }

    [LoggerMessage(EventId = 501, EventName = "SendOutcome", Level = LogLevel.Debug, Message = "Submission {SubmissionId}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, Guid submissionId, SendOutcome outcome);

    [LoggerMessage(EventId = 500, EventName = "SendFailed", Level = LogLevel.Warning, Message = "Sending submission {SubmissionId} failed; it is retried")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid submissionId);
}
