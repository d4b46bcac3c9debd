using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Eigenpal.Api;

/// <summary>
/// Settings of <see cref="EigenpalClient"/>. Unset values fall back to the environment variables
/// <c>EIGENPAL_API_KEY</c> and <c>EIGENPAL_BASE_URL</c> (the ones the official SDKs read), then to defaults.
/// <see cref="ToString"/> never shows the API key.
/// </summary>
public sealed class EigenpalClientOptions
{
    /// <summary>The configuration section bound by <c>AddEigenpalClient</c>.</summary>
    public const string SectionName = "Eigenpal";

    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyVariable = "EIGENPAL_API_KEY";

    /// <summary>The environment variable read when <see cref="BaseUrl"/> is not set.</summary>
    public const string BaseUrlVariable = "EIGENPAL_BASE_URL";

    // The official SDKs' default since 0.11.0 (the cloud host serves /v1 there); the legacy workflows
    // surface of SDK 0.6.9 lived on app.eigenpal.com, which a legacy user sets explicitly.

    /// <summary>The base URL used when neither <see cref="BaseUrl"/> nor <c>EIGENPAL_BASE_URL</c> is set.</summary>
    public const string DefaultBaseUrl = "https://api.eigenpal.com";

    /// <summary>
    /// The API key sent as <c>Authorization: Bearer …</c>. Falls back to <c>EIGENPAL_API_KEY</c>; when
    /// neither is set the client refuses to start (<see cref="EigenpalConfigurationException"/>).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The root of the instance, without <c>/api</c> (e.g. <c>https://api.eigenpal.com</c>, or an instance such as <c>https://studio.eigenpal.com</c>). A path prefix is
    /// kept. Falls back to <c>EIGENPAL_BASE_URL</c>, then <see cref="DefaultBaseUrl"/>; empty counts as unset.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The path prefix of the v1 surface used when <see cref="V1Prefix"/> is not set: <c>/v1</c>, as SDK 0.11 sends it on <c>api.eigenpal.com</c>.</summary>
    public const string DefaultV1Prefix = "/v1";

    /// <summary>
    /// The path prefix of the v1 surface (runs, files, automations, auth check) under <see cref="BaseUrl"/>:
    /// <c>/v1</c> (the default; SDK 0.11 on <c>api.eigenpal.com</c>) or <c>/api/v1</c> (the service's published
    /// OpenAPI document, on an instance host such as <c>studio.eigenpal.com</c>). It must start with <c>/</c> and
    /// not end with one; empty counts as unset. The legacy workflows surface always uses <c>/api/v1/workflows</c>. To try another prefix
    /// at run time (surface detection), use <see cref="EigenpalClient.WithV1Prefix"/>.
    /// </summary>
    public string V1Prefix { get; set; } = DefaultV1Prefix;

    /// <summary>The timeout of one request attempt (default 60 s). A run with <c>wait_for_completion</c> gets that many seconds more.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Timeout must be between 10 ms and 1 day.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many times a request is retried after a transient failure (5xx, 408, timeout, connection error),
    /// with exponential backoff and jitter (default 3; 0 turns retries off, including those of 429).
    /// Only idempotent requests (GETs and cancel) are retried for such failures; a run request never is.
    /// </summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay of transient retries (default 1 s); later delays double, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "RetryBaseDelay must be between 0 and 10 minutes.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a 429 answer is retried once its <c>Retry-After</c> has passed, plus a 50 ms margin (default <see langword="true"/>), for any
    /// request including a run, since a 429 never created anything. Set <see langword="false"/> to get
    /// <see cref="EigenpalRateLimitException"/> straight away and schedule the retry yourself.
    /// </summary>
    public bool RetryRateLimited { get; set; } = true;

    /// <summary>The longest <c>Retry-After</c> waited in-process (default 2 min); a longer one surfaces the 429.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "MaxRetryAfter must be between 0 and 1 day.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Describes the options with the API key redacted.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"EigenpalClientOptions {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(unset)" : "***")}, BaseUrl = {BaseUrl ?? "(unset)"}, V1Prefix = {V1Prefix}, Timeout = {Timeout}, MaxRetryAttempts = {MaxRetryAttempts}, RetryBaseDelay = {RetryBaseDelay}, RetryRateLimited = {RetryRateLimited}, MaxRetryAfter = {MaxRetryAfter} }}");
}
