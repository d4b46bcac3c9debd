using Eigenpal.Storage;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Hosting;

/// <summary>Brings the tracking schema up to date before anything else of the worker starts.</summary>
internal sealed class MigrateOnStartService(DatabaseMigrator migrator, IOptions<WorkerOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
