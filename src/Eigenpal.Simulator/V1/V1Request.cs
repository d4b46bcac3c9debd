using System.Globalization;
using System.Text.Json;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Simulator.V1;

/// <summary>Small readers shared by the v1 endpoints: the prefix a request came in on, JSON bodies, integer query values.</summary>
internal static class V1Request
{
    public const string V1 = "/v1";
    public const string ApiV1 = "/api/v1";

    /// <summary>The prefix the request used, so that URLs the simulator hands out keep the client's layout.</summary>
    public static string Prefix(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ApiV1, StringComparison.Ordinal) ? ApiV1 : V1;

    /// <summary>Reads a JSON object body; an empty, unreadable or non-object body is a 400 on <c>body</c>.</summary>
    public static async Task<(JsonElement Body, IResult? Error)> ReadObjectAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return (document.RootElement.Clone(), null);
            }
        }
        catch (JsonException)
        {
            return (default, ApiErrors.Validation(context, "body", "The body is not valid JSON."));
        }

        return (default, ApiErrors.Validation(context, "body", "Expected a JSON object."));
    }

    /// <summary>An optional integer query value within bounds; anything else is a 400 naming it.</summary>
    public static bool TryReadInt(HttpContext context, string name, int min, int max, out int? value, out IResult? error)
    {
        value = null;
        error = null;
        if (!context.Request.Query.TryGetValue(name, out var raw))
        {
            return true;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        error = ApiErrors.Validation(context, $"query.{name}", $"{name} must be an integer from {min} to {max}.");
        return false;
    }

    /// <summary>A string property, or null when absent or null; false when present with another type.</summary>
    public static bool TryGetString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }
}
