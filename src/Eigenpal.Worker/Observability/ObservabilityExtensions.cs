using Eigenpal.Telemetry;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Observability.Readiness;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Eigenpal.Worker.Observability;

/// <summary>
/// Wires what the worker tells its operators' tools (issue 10): <c>/healthz</c> (liveness),
/// <c>/readyz</c> (readiness, through ASP.NET Core health checks), <c>/metrics</c> (Prometheus text, through
/// OpenTelemetry's Meter API) and, when <see cref="TelemetryOptions.OtlpEndpoint"/> is set, OTLP export of
/// the same metrics and of one trace per submission.
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>The tag of the checks <c>/readyz</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Meters beside the worker's own: HttpClient (<c>http.client.request.duration</c>), Kestrel and the runtime, all built into .NET.</summary>
    private static readonly string[] Meters =
        [EigenpalMetrics.MeterName, "System.Net.Http", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    /// <summary>Adds the readiness checks, the store gauges, the Prometheus exporter and, if configured, OTLP export.</summary>
    public static IServiceCollection AddEigenpalObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiReachability>();
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<HangfireServerHealthCheck>("hangfire-server", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<EigenpalApiHealthCheck>("eigenpal-api", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
        services.AddHostedService<StoreGauges>();

        // Whether to export is decided once, at start, like every other option of the process.
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(settings.ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters).AddPrometheusExporter();
            if (settings.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    Otlp(exporter, endpoint, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
                });
            }
        });
        AddTraceExport(telemetry, settings);
        return services;
    }

    /// <summary>
    /// For the commands (<c>eigenpal submit</c> records the intake spans that begin each submission's trace):
    /// trace export only, when <see cref="TelemetryOptions.OtlpEndpoint"/> is set. There is no host to start
    /// the tracer provider, so the caller resolves <see cref="TracerProvider"/>; disposing the services flushes it.
    /// </summary>
    public static IServiceCollection AddEigenpalTraceExport(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var settings = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (settings.OtlpEndpoint is not null)
        {
            AddTraceExport(services.AddOpenTelemetry().ConfigureResource(r => r.AddService(serviceName)), settings);
        }

        return services;
    }

    // Only the worker's own spans: HttpClient's would make every poll's list call a trace of its own.
    private static void AddTraceExport(OpenTelemetry.OpenTelemetryBuilder telemetry, TelemetryOptions settings)
    {
        if (settings.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(EigenpalTracing.SourceName).AddOtlpExporter(exporter => Otlp(exporter, endpoint, "v1/traces")));
        }
    }

    /// <summary>Maps <c>/healthz</c> and <c>/readyz</c> (anonymous, for probes) and <c>/metrics</c> (viewers).</summary>
    public static WebApplication MapEigenpalObservability(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = ReadinessResponse.WriteAsync,
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(AccessPolicies.Viewer);
        return app;
    }

    /// <summary>OTLP/HTTP with protobuf, to the signal's path under the configured base address.</summary>
    internal static void Otlp(OtlpExporterOptions exporter, Uri endpoint, string signalPath)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }
}
