using System.Net;
using System.Text.Json;

namespace Eigenpal.Api.Http;

/// <summary>Turns a non-2xx response into the matching <see cref="EigenpalException"/> (§7 of the API reference).</summary>
internal static class ErrorMapper
{
    public const string AuthenticationDefault = "authentication failed: check the API key (EIGENPAL_API_KEY)";

    public static EigenpalException Map(HttpStatusCode statusCode, ErrorEnvelope? envelope, string? headerRequestId, TimeSpan? retryAfter, string apiKey)
    {
        var status = (int)statusCode;
        var requestId = !string.IsNullOrEmpty(headerRequestId) ? headerRequestId : envelope?.RequestId;
        var first = envelope?.Issues.Count > 0 ? envelope.Issues[0] : null;
        string FirstOr(string fallback) => string.IsNullOrWhiteSpace(first?.Message) ? fallback : Redact(first.Message, apiKey);

        return status switch
        {
            400 => new EigenpalValidationException(
                Redact(first is null ? "validation error" : $"{first.Field}: {first.Message}", apiKey),
                requestId,
                envelope ?? new ErrorEnvelope([], string.Empty)),
            401 => new EigenpalAuthenticationException(FirstOr(AuthenticationDefault), requestId, envelope),
            403 => new EigenpalForbiddenException(FirstOr("forbidden"), requestId, envelope),
            404 => new EigenpalNotFoundException(FirstOr("not found"), requestId, envelope),
            429 => new EigenpalRateLimitException(EigenpalRateLimitException.DefaultMessage, retryAfter, requestId, envelope),
            >= 500 => new EigenpalServerException(FirstOr("internal server error"), status, requestId, envelope),
            _ => new EigenpalException($"unexpected status {status}", status, requestId, envelope),
        };
    }

    /// <summary>Reads an error body leniently: anything that is not a JSON object gives <see langword="null"/>.</summary>
    public static ErrorEnvelope? ParseEnvelope(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var issues = new List<ApiIssue>();
            if (root.TryGetProperty("issues", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        issues.Add(new ApiIssue(Text(item, "field") ?? string.Empty, Text(item, "message") ?? string.Empty, Text(item, "code") ?? string.Empty, Text(item, "severity") ?? string.Empty));
                    }
                }
            }

            return new ErrorEnvelope(issues, Text(root, "requestId") ?? string.Empty, Text(root, "hint"), Text(root, "docsUrl"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the API key from text that came from elsewhere, in case a server echoes it.</summary>
    public static string Redact(string text, string apiKey) =>
        apiKey.Length > 0 && text.Contains(apiKey, StringComparison.Ordinal) ? text.Replace(apiKey, "***", StringComparison.Ordinal) : text;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
