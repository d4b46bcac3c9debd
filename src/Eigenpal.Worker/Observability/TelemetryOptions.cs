using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Worker.Observability;

/// <summary>
/// Metrics and traces beyond <c>/metrics</c> (section <c>Eigenpal:Telemetry</c>). OTLP export is off
/// unless <see cref="OtlpEndpoint"/> is set; then the same metrics, and one trace per submission, are
/// pushed to that collector over OTLP/HTTP (protobuf).
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Eigenpal:Telemetry";

    /// <summary>
    /// The collector's OTLP/HTTP base address (for example <c>http://collector:4318</c>); metrics go to
    /// <c>/v1/metrics</c> and traces to <c>/v1/traces</c> under it. Unset: no export, and no spans are made.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How often metrics are pushed over OTLP (Prometheus scrapes <c>/metrics</c> at its own pace).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the store gauges (submissions by state, relay backlog, queue depth) are reused before they are read again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the API readiness check's answer is reused, so probes never cost one API call each.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ApiCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>service.name</c> of exported telemetry.</summary>
    [Required]
    public string ServiceName { get; set; } = "eigenpal-worker";
}
