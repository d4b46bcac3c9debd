using Hangfire.Storage.Monitoring;

namespace Eigenpal.Worker.Jobs;

/// <summary>
/// How many poll jobs one tick adds: one per worker process, less those still waiting from earlier
/// ticks. A process runs two Hangfire servers (one for polling, one for submitting), so processes
/// are counted as the servers that serve the poll queue, never as all servers.
/// </summary>
public static class PollFanOut
{
    /// <summary>The poll jobs to enqueue now, given the live servers and the poll jobs already waiting.</summary>
    /// <param name="servers">Hangfire's servers (each lists the queues it serves).</param>
    /// <param name="waiting">Poll jobs enqueued and not yet fetched.</param>
    public static int JobsToEnqueue(IEnumerable<ServerDto> servers, long waiting)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var processes = servers.Count(s => s.Queues?.Contains(PollExecutionsJob.Queue, StringComparer.Ordinal) == true);
        // At least one: the tick itself runs on some poll server, even if the server list is momentarily empty.
        return (int)Math.Clamp(Math.Max(1, processes) - waiting, 0, int.MaxValue);
    }
}
