using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Eigenpal.Worker.Observability.Readiness;

/// <summary>Readiness: the Eigenpal API answers the configured key (cached, see <see cref="ApiReachability"/>).</summary>
internal sealed class EigenpalApiHealthCheck(ApiReachability reachability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        reachability.CheckAsync(cancellationToken);
}
