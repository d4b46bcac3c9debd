using Eigenpal.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Hosting;

/// <summary>Brings both schemas up to date before anything else of the worker starts: ours, then Hangfire's.</summary>
internal sealed class MigrateOnStartService(DatabaseMigrator migrator, NpgsqlDataSource dataSource, IOptions<WorkerOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
            await HangfireSchemaInstaller.InstallAsync(dataSource, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
