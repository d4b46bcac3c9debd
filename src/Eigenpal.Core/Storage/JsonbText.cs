using System.Text.Json;

namespace Eigenpal.Storage;

/// <summary>A JSON value as the text of a jsonb parameter (the SQL casts it with <c>::jsonb</c>), or NULL.</summary>
internal static class JsonbText
{
    public static object From(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } element ? element.GetRawText() : DBNull.Value;
}
