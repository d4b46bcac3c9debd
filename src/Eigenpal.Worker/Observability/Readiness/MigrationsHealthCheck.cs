using Eigenpal.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Eigenpal.Worker.Observability.Readiness;

/// <summary>
/// Readiness: every migration this build carries is applied. A worker whose schema is behind its code
/// (started with <c>MigrateOnStart=false</c> before <c>eigenpal migrate</c> ran) would fail on its first query.
/// </summary>
internal sealed class MigrationsHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.PendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("all migrations applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations pending (first: {pending[0]})");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("migrations could not be read");
        }
    }
}
