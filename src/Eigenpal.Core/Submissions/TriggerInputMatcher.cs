using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Submissions;

/// <summary>
/// Decides whether a listed execution's <c>triggerInput</c> is the input we sent. Scalars must
/// be equal. How the API echoes file inputs is not specified, so a file input is checked only
/// where the echo carries something recognisable (a file name or a SHA-256) and never rejects
/// a match otherwise.
/// </summary>
internal static class TriggerInputMatcher
{
    public static bool Matches(JsonElement? triggerInput, JsonObject scalars, IReadOnlyList<SubmissionFile> files)
    {
        if (triggerInput is not { ValueKind: JsonValueKind.Object } echoed)
        {
            return false;
        }

        var echo = JsonNode.Parse(echoed.GetRawText())!.AsObject();
        foreach (var (name, value) in scalars)
        {
            if (!echo.TryGetPropertyValue(name, out var echoedValue) || !CanonicalJson.AreEqual(value, echoedValue))
            {
                return false;
            }
        }

        return files.All(file => FileMatches(echo[file.InputName], file));
    }

    private static bool FileMatches(JsonNode? echoed, SubmissionFile file)
    {
        switch (echoed)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text == file.FileName || text == file.Sha256 || text.Contains(file.FileName, StringComparison.Ordinal);
            case JsonObject obj:
                foreach (var key in new[] { "sha256", "hash" })
                {
                    if (obj[key] is JsonValue hash && hash.TryGetValue<string>(out var h))
                    {
                        return string.Equals(h, file.Sha256, StringComparison.OrdinalIgnoreCase);
                    }
                }

                foreach (var key in new[] { "filename", "fileName", "name" })
                {
                    if (obj[key] is JsonValue name && name.TryGetValue<string>(out var n))
                    {
                        return n == file.FileName;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
