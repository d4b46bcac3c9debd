namespace Eigenpal.Simulator.V1.Webhooks;

/// <summary>
/// Where and how the simulator delivers signed run events (<c>run.created</c>,
/// <c>run.status_changed</c>), as the service does to an endpoint registered in Studio (reference §14).
/// Off unless <see cref="Url"/> is set. Bound from <c>Simulator:Webhooks</c>; how deliveries misbehave
/// (delay, repeats, reordering, losses) are modes, switchable at run time.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The absolute http(s) URL events are posted to; null or empty turns webhooks off.</summary>
    public string? Url { get; set; }

    /// <summary>The signing secret, <c>whsec_</c> followed by base64 key bytes (Standard Webhooks).</summary>
    public string? Secret { get; set; }

    /// <summary>The <c>apiVersion</c> every event carries.</summary>
    public string ApiVersion { get; set; } = "2026-07-01";

    /// <summary>Attempts per event before delivery is given up (network errors, timeouts, 408, 425, 429 and 5xx are retried).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry, doubled after each further failure, in milliseconds.</summary>
    public int RetryDelayMs { get; set; } = 200;

    /// <summary>How long one delivery attempt may take before it counts as a timeout, in milliseconds.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>Whether events are delivered at all.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Url);
}
