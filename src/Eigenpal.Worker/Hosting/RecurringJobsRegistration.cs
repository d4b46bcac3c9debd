using Eigenpal.Polling;
using Eigenpal.Worker.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Hosting;

/// <summary>Registers (or updates) the recurring poll tick when the worker starts.</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs, IOptions<PollingOptions> polling) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A six-field cron: Hangfire's scheduler checks every SchedulePollingInterval (1 s here),
        // which is what makes a tick of a few seconds real.
        recurringJobs.AddOrUpdate<PollTickJob>(
            PollTickJob.RecurringJobId, job => job.Run(), $"*/{polling.Value.TickSeconds} * * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
