using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Worker.Hosting;

/// <summary>The worker process (section <c>Eigenpal:Worker</c>).</summary>
public sealed class WorkerOptions
{
    /// <summary>Hangfire worker threads in this process for submit jobs (queues <c>submit</c> and <c>default</c>).</summary>
    [Range(1, 200)]
    public int WorkerCount { get; set; } = 10;

    /// <summary>
    /// Hangfire worker threads in this process for poll jobs (queue <c>poll</c>), on a server of their own so
    /// that polling and submitting never take each other's threads. One poll job per process runs per tick;
    /// the second thread lets the next tick's job start while a long one finishes.
    /// </summary>
    [Range(1, 20)]
    public int PollWorkerCount { get; set; } = 2;

    /// <summary>Submissions carried by one submit job; each is still claimed, sent and committed on its own.</summary>
    [Range(1, 1000)]
    public int ChunkSize { get; set; } = 20;

    /// <summary>Run requests one submit job sends at once (the fleet rate limit still applies).</summary>
    [Range(1, 64)]
    public int SendConcurrency { get; set; } = 4;

    /// <summary>How often the relay looks for recorded submissions when no notification wakes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:10:00")]
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A pending submission whose job has not run after this long gets a new job (the old one may be lost with a dead worker).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReenqueueAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The relay stops adding submit jobs while this many wait in Hangfire's queue, so a large
    /// backlog stays in the table (where it costs nothing) instead of flooding the job queue.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxQueuedSubmitJobs { get; set; } = 100;

    /// <summary>Apply pending migrations when the worker starts.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
