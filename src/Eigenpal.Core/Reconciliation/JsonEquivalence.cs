using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Reconciliation;

/// <summary>
/// Compares a value we sent with the value a server echoed, as JSON values rather than text, so a
/// server that re-serialises cannot manufacture a mismatch: numbers compare numerically
/// (<c>1.50</c> equals <c>1.5</c>), objects without regard to key order, a key or a null the echo
/// left out is "cannot tell", and a scalar echoed as its text (<c>"1.5"</c>) still matches.
/// </summary>
internal static class JsonEquivalence
{
    public static Comparison Compare(JsonNode? sent, JsonNode? echoed)
    {
        if (sent is null || echoed is null)
        {
            // A null we sent may be dropped or replaced by a default; a value we sent echoed as null proves nothing either.
            return Comparison.CannotTell;
        }

        return (sent, echoed) switch
        {
            (JsonObject s, JsonObject e) => CompareObjects(s, e),
            (JsonArray s, JsonArray e) => CompareArrays(s, e),
            (JsonValue s, JsonValue e) => CompareScalars(s, e),
            (JsonObject or JsonArray, JsonValue e) when e.TryGetValue<string>(out var text) => CompareEmbedded(sent, text),
            // Another shape (a list for an object, an object for a scalar) is a server's re-encoding as likely as another value.
            _ => Comparison.CannotTell,
        };
    }

    private static Comparison CompareObjects(JsonObject sent, JsonObject echoed) =>
        All(sent.Select(p => echoed.TryGetPropertyValue(p.Key, out var echoedValue) ? Compare(p.Value, echoedValue) : Comparison.CannotTell));

    private static Comparison CompareArrays(JsonArray sent, JsonArray echoed) =>
        sent.Count != echoed.Count ? Comparison.Different : All(sent.Select((item, i) => Compare(item, echoed[i])));

    // Different as soon as one part differs; otherwise equal only if every part is.
    private static Comparison All(IEnumerable<Comparison> parts)
    {
        var result = Comparison.Equal;
        foreach (var part in parts)
        {
            if (part == Comparison.Different)
            {
                return Comparison.Different;
            }

            if (part == Comparison.CannotTell)
            {
                result = Comparison.CannotTell;
            }
        }

        return result;
    }

    private static Comparison CompareScalars(JsonValue sent, JsonValue echoed)
    {
        var sentKind = sent.GetValueKind();
        var echoedKind = echoed.GetValueKind();
        if (sentKind == echoedKind)
        {
            return sentKind switch
            {
                JsonValueKind.Number => SameNumber(Number(sent), Number(echoed)),
                JsonValueKind.String => Same(sent.GetValue<string>(), echoed.GetValue<string>()),
                _ => Same(sent.ToJsonString(), echoed.ToJsonString()),
            };
        }

        // A scalar echoed as its text, or text echoed as the scalar it spells.
        return (sentKind, echoedKind) switch
        {
            (JsonValueKind.Number, JsonValueKind.String) => SameNumber(Number(sent), echoed.GetValue<string>()),
            (JsonValueKind.String, JsonValueKind.Number) => SameNumber(sent.GetValue<string>(), Number(echoed)),
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) => Comparison.Different,
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.String) => Same(sent.ToJsonString(), echoed.GetValue<string>().ToLowerInvariant()),
            (JsonValueKind.String, JsonValueKind.True or JsonValueKind.False) => Same(sent.GetValue<string>().ToLowerInvariant(), echoed.ToJsonString()),
            // true echoed as 1, a number as a boolean: a re-encoding cannot be told from another value.
            _ => Comparison.CannotTell,
        };
    }

    private static Comparison CompareEmbedded(JsonNode sent, string text)
    {
        try
        {
            return JsonNode.Parse(text) is { } parsed ? Compare(sent, parsed) : Comparison.CannotTell;
        }
        catch (JsonException)
        {
            return Comparison.CannotTell;
        }
    }

    private static string Number(JsonValue value) => value.ToJsonString();

    // Numerically: 1.50 equals 1.5. A server that keeps numbers as doubles may round a long
    // integer or a long fraction (9007199254740993 → 9007199254740992): equal as doubles but not as
    // decimals is "cannot tell", never a mismatch.
    private static Comparison SameNumber(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return Comparison.CannotTell;
        }

        var decimals = (TryDecimal(a, out var da), TryDecimal(b, out var db));
        if (decimals is (true, true) && da == db)
        {
            return Comparison.Equal;
        }

        var doubles = (TryDouble(a, out var fa), TryDouble(b, out var fb));
        if (doubles is not (true, true))
        {
            return Comparison.CannotTell;
        }

        return fa.Equals(fb) ? (decimals is (true, true) ? Comparison.CannotTell : Comparison.Equal) : Comparison.Different;
    }

    private static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static Comparison Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal) ? Comparison.Equal : Comparison.Different;
}

/// <summary>The outcome of comparing a sent value with its echo.</summary>
internal enum Comparison
{
    /// <summary>The same value.</summary>
    Equal,

    /// <summary>Not enough was echoed to tell.</summary>
    CannotTell,

    /// <summary>A different value.</summary>
    Different,
}
