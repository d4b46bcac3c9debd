using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Api.Http;

/// <summary>The resolved, validated form of <see cref="EigenpalClientOptions"/> that the client runs with.</summary>
internal sealed class ClientSettings
{
    private ClientSettings(string apiKey, Uri baseUrl, EigenpalClientOptions options)
    {
        ApiKey = apiKey;
        BaseUrl = baseUrl;
        V1Prefix = EffectiveV1Prefix(options);
        Timeout = options.Timeout;
        MaxRetryAttempts = options.MaxRetryAttempts;
        RetryBaseDelay = options.RetryBaseDelay;
        RetryRateLimited = options.RetryRateLimited;
        MaxRetryAfter = options.MaxRetryAfter;
    }

    public string ApiKey { get; }

    /// <summary>The base URL without a trailing slash.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The v1 path prefix, e.g. <c>/v1</c> or <c>/api/v1</c>.</summary>
    public string V1Prefix { get; }

    public TimeSpan Timeout { get; }

    public int MaxRetryAttempts { get; }

    public TimeSpan RetryBaseDelay { get; }

    public bool RetryRateLimited { get; }

    public TimeSpan MaxRetryAfter { get; }

    /// <summary>Applies the environment fallbacks and validates; throws <see cref="EigenpalConfigurationException"/>.</summary>
    public static ClientSettings Resolve(EigenpalClientOptions? options, Func<string, string?>? environment = null)
    {
        options ??= new EigenpalClientOptions();
        var errors = Validate(options, environment ?? Environment.GetEnvironmentVariable, out var settings);
        if (errors.Count > 0)
        {
            throw new EigenpalConfigurationException(string.Join(" ", errors));
        }

        return settings!;
    }

    /// <summary>Collects every configuration problem at once (used by options validation at start).</summary>
    public static List<string> Validate(EigenpalClientOptions options, Func<string, string?> environment, out ClientSettings? settings)
    {
        settings = null;
        var errors = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => r.ErrorMessage ?? "invalid Eigenpal client option"));
        }

        var apiKey = FirstSet(options.ApiKey, environment(EigenpalClientOptions.ApiKeyVariable));
        if (apiKey is null)
        {
            errors.Add($"No Eigenpal API key: set EigenpalClientOptions.ApiKey (configuration 'Eigenpal:ApiKey') or the {EigenpalClientOptions.ApiKeyVariable} environment variable.");
        }
        else if (apiKey.Any(char.IsControl))
        {
            errors.Add("The Eigenpal API key contains control characters.");
        }

        var rawBaseUrl = FirstSet(options.BaseUrl, environment(EigenpalClientOptions.BaseUrlVariable)) ?? EigenpalClientOptions.DefaultBaseUrl;
        var baseUrl = ParseBaseUrl(rawBaseUrl);
        if (baseUrl is null)
        {
            errors.Add($"The Eigenpal base URL '{rawBaseUrl}' is not an absolute http or https URL (set EigenpalClientOptions.BaseUrl or {EigenpalClientOptions.BaseUrlVariable}, e.g. {EigenpalClientOptions.DefaultBaseUrl}).");
        }

        if (V1PrefixProblem(EffectiveV1Prefix(options)) is { } prefixProblem)
        {
            errors.Add(prefixProblem);
        }

        if (errors.Count == 0)
        {
            settings = new ClientSettings(apiKey!, baseUrl!, options);
        }

        return errors;
    }

    // Empty counts as unset, as for the base URL (an empty environment variable must not break the start).
    private static string EffectiveV1Prefix(EigenpalClientOptions options) =>
        string.IsNullOrWhiteSpace(options.V1Prefix) ? EigenpalClientOptions.DefaultV1Prefix : options.V1Prefix.Trim();

    /// <summary>What is wrong with a v1 path prefix, or <see langword="null"/> when it is usable (<c>/v1</c>, <c>/api/v1</c>, …).</summary>
    public static string? V1PrefixProblem(string? prefix) =>
        string.IsNullOrEmpty(prefix) || prefix[0] != '/' || prefix.Length < 2 || prefix[^1] == '/'
            || prefix.Contains("//", StringComparison.Ordinal) || prefix.IndexOfAny(['?', '#', ' ', '%', '\\']) >= 0 || prefix.Any(char.IsControl)
            ? $"The Eigenpal v1 prefix '{prefix}' must start with '/', not end with '/', and hold only path characters (e.g. /v1 or /api/v1)."
            : null;

    private static string? FirstSet(string? first, string? second) =>
        !string.IsNullOrWhiteSpace(first) ? first.Trim() : !string.IsNullOrWhiteSpace(second) ? second.Trim() : null;

    private static Uri? ParseBaseUrl(string raw)
    {
        if (!Uri.TryCreate(raw.TrimEnd('/'), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri;
    }
}
