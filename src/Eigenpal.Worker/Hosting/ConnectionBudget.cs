namespace Eigenpal.Worker.Hosting;

/// <summary>
/// How many PostgreSQL connections one worker process may hold at once: every run in flight holds
/// one for its whole send (its submission's advisory lock), each poll thread one at a time, plus
/// headroom for Hangfire's own connections, the relay and the rate limiter's short statements.
/// </summary>
public static class ConnectionBudget
{
    /// <summary>Connections beyond the runs in flight and the poll threads.</summary>
    public const int Headroom = 20;

    /// <summary>The connections a process with these options may hold at once.</summary>
    public static int Needed(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.WorkerCount * options.SendConcurrency) + options.PollWorkerCount + Headroom;
    }

    /// <summary>The arithmetic of <see cref="Needed"/> with the option names, for error messages.</summary>
    public static string Describe(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"Eigenpal:Worker:WorkerCount ({options.WorkerCount}) × SendConcurrency ({options.SendConcurrency}) " +
            $"+ PollWorkerCount ({options.PollWorkerCount}) + {Headroom} = {Needed(options)} connections";
    }
}
