using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Submissions;

/// <summary>
/// Decides whether a listed execution's <c>triggerInput</c> is the input we sent. Scalars must
/// be equal. How the API echoes file inputs is not specified, so a file echo is compared only
/// where it carries something recognisable (a SHA-256 or a file name). An execution whose echo
/// cannot be compared (no <c>triggerInput</c>, an unrecognised file echo) is <see cref="TriggerMatch.Unknown"/>:
/// it might be ours, so a search that met one proves nothing by finding no match.
/// </summary>
internal static class TriggerInputMatcher
{
    public static TriggerMatch Match(JsonElement? triggerInput, JsonObject scalars, IReadOnlyList<SubmissionFile> files)
    {
        if (triggerInput is not { ValueKind: JsonValueKind.Object } echoed)
        {
            return TriggerMatch.Unknown;
        }

        var echo = JsonNode.Parse(echoed.GetRawText())!.AsObject();
        foreach (var (name, value) in scalars)
        {
            if (!echo.TryGetPropertyValue(name, out var echoedValue) || !CanonicalJson.AreEqual(value, echoedValue))
            {
                return TriggerMatch.NoMatch;
            }
        }

        var result = TriggerMatch.Match;
        foreach (var file in files)
        {
            var fileMatch = FileMatch(echo[file.InputName], file);
            if (fileMatch == TriggerMatch.NoMatch)
            {
                return TriggerMatch.NoMatch;
            }

            if (fileMatch == TriggerMatch.Unknown)
            {
                result = TriggerMatch.Unknown;
            }
        }

        return result;
    }

    private static TriggerMatch FileMatch(JsonNode? echoed, SubmissionFile file)
    {
        switch (echoed)
        {
            case JsonObject obj:
                foreach (var key in new[] { "sha256", "hash" })
                {
                    if (obj[key] is JsonValue hash && hash.TryGetValue<string>(out var h))
                    {
                        return string.Equals(h, file.Sha256, StringComparison.OrdinalIgnoreCase) ? TriggerMatch.Match : TriggerMatch.NoMatch;
                    }
                }

                foreach (var key in new[] { "filename", "fileName", "name" })
                {
                    if (obj[key] is JsonValue name && name.TryGetValue<string>(out var n))
                    {
                        // A name alone is weak evidence: the same name may carry other bytes.
                        return n == file.FileName ? TriggerMatch.Unknown : TriggerMatch.NoMatch;
                    }
                }

                return TriggerMatch.Unknown;
            case JsonValue value when value.TryGetValue<string>(out var text) && text == file.Sha256:
                return TriggerMatch.Match;
            default:
                return TriggerMatch.Unknown;
        }
    }
}

/// <summary>What comparing one listed execution with our input says.</summary>
internal enum TriggerMatch
{
    /// <summary>The echo shows our input.</summary>
    Match,

    /// <summary>The echo shows another input: not ours.</summary>
    NoMatch,

    /// <summary>The echo cannot be compared: it might be ours.</summary>
    Unknown,
}
