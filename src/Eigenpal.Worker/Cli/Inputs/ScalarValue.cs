using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>
/// A scalar input typed as text (a CSV cell, <c>--input key=value</c>): a JSON value when it parses
/// as one (<c>42</c>, <c>true</c>, <c>{"lang":"de"}</c>), otherwise the plain string. Text that looks
/// like JSON (starts with <c>{</c>, <c>[</c> or <c>"</c>) but does not parse is an error, not a string.
/// </summary>
internal static class ScalarValue
{
    /// <summary>Parses <paramref name="text"/> with no declared type to go by.</summary>
    public static bool TryParse(string text, out JsonNode? value, out string? error) => TryParse(text, null, out value, out error);

    /// <summary>
    /// Parses <paramref name="text"/> for an input whose schema allows <paramref name="types"/> (null: not
    /// known). Text carries no JSON type of its own, so when the input takes a string and the parsed value
    /// is not of an allowed type, the text is kept as typed: a CSV cell <c>12345</c> for a string input
    /// (an order number, a postcode) is sent as <c>"12345"</c>, not as the number the workflow would refuse.
    /// </summary>
    public static bool TryParse(string text, IReadOnlyCollection<string>? types, out JsonNode? value, out string? error)
    {
        error = null;
        value = null;
        var takesText = types?.Contains("string") == true;
        try
        {
            value = JsonNode.Parse(text);
            if (takesText && types is not null && !JsonTypes.Allows(types, value))
            {
                value = JsonValue.Create(text);
            }

            return true;
        }
        catch (JsonException ex)
        {
            var trimmed = text.TrimStart();
            if (!takesText && (trimmed.StartsWith('{') || trimmed.StartsWith('[') || trimmed.StartsWith('"')))
            {
                error = $"looks like JSON but is not valid JSON ({ex.Message.Split('.')[0]})";
                return false;
            }

            value = JsonValue.Create(text);
            return true;
        }
    }
}
