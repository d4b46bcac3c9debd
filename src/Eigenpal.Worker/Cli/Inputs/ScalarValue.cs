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
    public static bool TryParse(string text, out JsonNode? value, out string? error)
    {
        error = null;
        value = null;
        try
        {
            value = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException ex)
        {
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('[') || trimmed.StartsWith('"'))
            {
                error = $"looks like JSON but is not valid JSON ({ex.Message.Split('.')[0]})";
                return false;
            }

            value = JsonValue.Create(text);
            return true;
        }
    }
}
