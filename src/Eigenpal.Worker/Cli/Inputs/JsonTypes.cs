using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>The JSON Schema type of an input value, and whether a schema's <c>type</c> allows it.</summary>
internal static class JsonTypes
{
    /// <summary>
    /// <c>string</c>, <c>integer</c> (a number without a fraction, as JSON Schema counts <c>1.0</c>),
    /// <c>number</c>, <c>boolean</c>, <c>object</c>, <c>array</c> or <c>null</c>.
    /// </summary>
    public static string Of(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegral(value) ? "integer" : "number",
            _ => "null",
        },
    };

    /// <summary>True when <paramref name="value"/> is one of <paramref name="types"/> (an integer is a number too).</summary>
    public static bool Allows(IReadOnlyCollection<string> types, JsonNode? value)
    {
        var type = Of(value);
        return types.Contains(type) || (type == "integer" && types.Contains("number"));
    }

    /// <summary>The types for a message: <c>string</c>, <c>string or null</c>.</summary>
    public static string Describe(IEnumerable<string> types) => string.Join(" or ", types);

    private static bool IsIntegral(JsonNode value)
    {
        var text = value.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? decimal.Truncate(d) == d
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && Math.Floor(x) == x;
    }
}
