using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Api.Http;

/// <summary>The resolved, validated form of <see cref="EigenpalClientOptions"/> that the client runs with.</summary>
internal sealed class ClientSettings
{
    private ClientSettings(string apiKey, Uri baseUrl, EigenpalClientOptions options)
    {
        ApiKey = apiKey;
        BaseUrl = baseUrl;
        Timeout = options.Timeout;
        MaxRetryAttempts = options.MaxRetryAttempts;
        RetryBaseDelay = options.RetryBaseDelay;
        RetryRateLimited = options.RetryRateLimited;
        MaxRetryAfter = options.MaxRetryAfter;
    }

    public string ApiKey { get; }

    /// <summary>The base URL without a trailing slash.</summary>
    public Uri BaseUrl { get; }

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

        if (errors.Count == 0)
        {
            settings = new ClientSettings(apiKey!, baseUrl!, options);
        }

        return errors;
    }

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
