using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// The service's webhook events, taken as hints to poll a run now (section <c>Eigenpal:Webhooks</c>).
/// Off unless <see cref="Secret"/> is set; cross-field and secret rules are checked by
/// <see cref="WebhookOptionsValidator"/> when the worker starts.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Eigenpal:Webhooks";

    /// <summary>The default of <see cref="Path"/>.</summary>
    public const string DefaultPath = "/webhooks/eigenpal";

    /// <summary>
    /// The endpoint's signing secret as Studio shows it (<c>whsec_</c> and the base64 key). Setting it turns
    /// the endpoint on. It is only ever used to verify signatures: never logged, stored or echoed.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Where the worker's HTTP server (the one serving <c>/hangfire</c>) accepts <c>POST</c>ed events.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// How far a delivery's <c>webhook-timestamp</c> may be from this machine's clock. At most 5 min: the
    /// verifying library refuses anything beyond that in any case.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long event ids are remembered to recognise a repeated delivery; older ones are purged.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan RetainEventsFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The largest body accepted (events may carry a run's output); larger deliveries are answered 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether the endpoint is served: a secret is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Secret);

    /// <summary>Never prints the secret (options objects end up in debuggers and diagnostics).</summary>
    public override string ToString() => $"Webhooks {(Enabled ? "on" : "off")} at {Path}";
}
