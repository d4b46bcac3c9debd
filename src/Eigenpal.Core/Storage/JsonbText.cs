using System.Text.Json;

namespace Eigenpal.Storage;

/// <summary>A JSON value as the text of a jsonb parameter (the SQL casts it with <c>::jsonb</c>), or NULL.</summary>
internal static class JsonbText
{
    // jsonb refuses the NUL character (text extracted from PDFs carries it): it is stored as U+FFFD,
    // so one odd result never makes a row unwritable and its attempt stuck.
    public static object From(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } element ? element.GetRawText().Replace("\\u0000", "\\uFFFD", StringComparison.Ordinal) : DBNull.Value;
}
