using Eigenpal.Polling;
using Hangfire;

namespace Eigenpal.Worker.Jobs;

/// <summary>A Hangfire trigger that polls due executions; several run at once on different workers without overlap.</summary>
public sealed class PollExecutionsJob(ExecutionPoller poller)
{
    /// <summary>The Hangfire queue of poll jobs (and of the tick that fans them out), served by each process's poll server.</summary>
    public const string Queue = "poll";

    /// <summary>Polls until nothing is due or the job budget is spent. Not retried: the next tick polls again.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [Queue(Queue)]
    public Task RunAsync(CancellationToken cancellationToken) => poller.PollDueAsync(cancellationToken);
}
