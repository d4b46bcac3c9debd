using Eigenpal.Api;
using Eigenpal.Surfaces;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Observability.Readiness;

/// <summary>
/// Whether the Eigenpal API answers the configured key, asked with the cheapest authenticated call of the
/// surface in use (v1 <c>GET /auth/check</c>, legacy <c>GET /api/v1/workflows?limit=1</c>) and remembered for
/// <see cref="TelemetryOptions.ApiCheckCacheDuration"/>: probes every few seconds from several orchestrators
/// must not turn into API traffic. One question is in flight at a time, on its own deadline, so a probe that
/// gives up early still leaves an answer for the next one. The answer never carries the key or an error text.
/// </summary>
internal sealed class ApiReachability(IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time)
{
    private const string NotAsked = "API not asked: the shared rate limit could not be read";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private HealthCheckResult? _last;
    private long _lastAt;
    private Task<HealthCheckResult>? _asking;

    /// <summary>The cached answer, or a fresh one when the cached one is older than the cache duration.</summary>
    public Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        Task<HealthCheckResult> asking;
        lock (_gate)
        {
            if (_last is { } last && time.GetElapsedTime(_lastAt) < options.Value.ApiCheckCacheDuration)
            {
                return Task.FromResult(last);
            }

            asking = _asking ??= AskAndRememberAsync();
        }

        return asking.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> AskAndRememberAsync()
    {
        HealthCheckResult result;
        try
        {
            using var deadline = new CancellationTokenSource(AskTimeout, time);
            result = await AskAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            result = HealthCheckResult.Unhealthy("API did not answer in time");
        }

        lock (_gate)
        {
            // A question that never left (the rate limit's database is down) says nothing of the API: asked again next time.
            _last = result.Description == NotAsked ? null : result;
            _lastAt = time.GetTimestamp();
            _asking = null;
        }

        return result;
    }

    private async Task<HealthCheckResult> AskAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var surfaces = scope.ServiceProvider.GetRequiredService<RunSurfaces>();
        try
        {
            if (await surfaces.ChooseAsync(ct) == ApiSurface.V1)
            {
                await surfaces.V1.Client.Auth.CheckAsync(ct);
                return HealthCheckResult.Healthy("API answers the configured key (v1)");
            }

            await surfaces.Client.Workflows.ListAsync(new WorkflowListQuery { Limit = 1 }, ct);
            return HealthCheckResult.Healthy("API answers the configured key (legacy)");
        }
        catch (EigenpalException ex)
        {
            return Describe(ex);
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("API unreachable");
        }
    }

    private static HealthCheckResult Describe(EigenpalException ex) => ex switch
    {
        EigenpalAuthenticationException => HealthCheckResult.Unhealthy("API key refused"),
        EigenpalForbiddenException => HealthCheckResult.Unhealthy("API key not allowed to read workflows (403)"),
        EigenpalRateLimitException => HealthCheckResult.Degraded("API answered 429 (rate limited)"),
        EigenpalNotSentException => HealthCheckResult.Unhealthy(NotAsked),
        EigenpalConfigurationException => HealthCheckResult.Unhealthy("API not configured, or no API surface answered"),
        { StatusCode: 0 } => HealthCheckResult.Unhealthy("API unreachable"),
        _ => HealthCheckResult.Unhealthy($"API answered {ex.StatusCode}"),
    };
}
