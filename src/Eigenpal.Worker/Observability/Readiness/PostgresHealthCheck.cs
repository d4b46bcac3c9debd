using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Eigenpal.Worker.Observability.Readiness;

/// <summary>
/// Readiness: the tracking store answers a query through the worker's own data source (the pool every
/// job uses), so "ready" means the connections the work needs can be had. The answer names no host,
/// user or error text: probes are anonymous.
/// </summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable");
        }
    }
}
