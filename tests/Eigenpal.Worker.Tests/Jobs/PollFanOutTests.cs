using Eigenpal.Worker.Hosting;
using Eigenpal.Worker.Jobs;
using Hangfire.Storage.Monitoring;

namespace Eigenpal.Worker.Tests.Jobs;

public sealed class PollFanOutTests
{
    private static ServerDto Server(string name, params string[] queues) => new() { Name = name, Queues = queues, WorkersCount = 2 };

    /// <summary>The two servers one worker process runs.</summary>
    private static IEnumerable<ServerDto> Process(string name) =>
    [
        Server(name, WorkerServiceCollectionExtensions.SendQueues),
        Server(name + WorkerServiceCollectionExtensions.PollServerSuffix, WorkerServiceCollectionExtensions.PollQueues),
    ];

    [Fact]
    public void Each_worker_process_gets_one_poll_job_per_tick_although_it_runs_two_servers()
    {
        var servers = Process("a:1").Concat(Process("b:2")).Concat(Process("c:3")).ToList();

        Assert.Equal(6, servers.Count);
        Assert.Equal(3, PollFanOut.JobsToEnqueue(servers, waiting: 0));
    }

    [Fact]
    public void Poll_jobs_still_waiting_from_earlier_ticks_count_against_this_tick()
    {
        var servers = Process("a:1").Concat(Process("b:2")).ToList();

        Assert.Equal(1, PollFanOut.JobsToEnqueue(servers, waiting: 1));
        Assert.Equal(0, PollFanOut.JobsToEnqueue(servers, waiting: 2));
        Assert.Equal(0, PollFanOut.JobsToEnqueue(servers, waiting: 50));
    }

    [Fact]
    public void A_tick_with_no_server_listed_still_adds_one_poll_job()
    {
        Assert.Equal(1, PollFanOut.JobsToEnqueue([], waiting: 0));
        Assert.Equal(1, PollFanOut.JobsToEnqueue([Server("a:1", WorkerServiceCollectionExtensions.SendQueues)], waiting: 0));
    }

    [Fact]
    public void An_older_worker_serving_every_queue_on_one_server_counts_as_one_process()
    {
        var servers = Process("new:1").Append(Server("old:2", "poll", "submit", "default")).ToList();

        Assert.Equal(2, PollFanOut.JobsToEnqueue(servers, waiting: 0));
    }
}
