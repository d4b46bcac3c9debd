using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Reconciliation;

/// <summary>
/// Weighs a listed execution's <c>triggerInput</c> against what one attempt sent. How a server echoes
/// inputs is not specified (files as a hash, a name and size, a name, a storage reference or not at
/// all; numbers re-serialised; nulls dropped), so only what is positively different contradicts; what
/// is missing or unrecognisable is silent. File evidence ranks a SHA-256 over name and size over a name,
/// compared with the names the client actually put on the wire.
/// </summary>
public static class EchoComparer
{
    // A SHA-256 under these keys contradicts when it differs; under the generic ones it may be another
    // 256-bit digest (SHA3, BLAKE2), so there only a match counts.
    private static readonly string[] Sha256Keys = ["sha256", "sha256Hex", "contentSha256"];
    private static readonly string[] GenericHashKeys = ["hash", "checksum", "contentHash", "digest"];

    // Not "name": beside a storage reference it is often the input's or the object's name.
    private static readonly string[] NameKeys = ["fileName", "filename", "originalName", "originalFilename", "originalFileName"];
    private static readonly string[] SizeKeys = ["sizeBytes", "size", "fileSize", "bytes", "length", "contentLength", "byteSize"];

    // Trigger types no run request of ours produces (we send trigger "api"); anything else says nothing.
    private static readonly HashSet<string> OtherTriggers = new(StringComparer.OrdinalIgnoreCase)
    {
        "manual", "scheduled", "schedule", "cron", "webhook", "ui", "studio", "cli", "evaluation", "example", "replay",
    };

    /// <summary>The evidence <paramref name="execution"/>'s echo gives that it is the run of <paramref name="sent"/>.</summary>
    public static Evidence WeighExecution(Api.ExecutionSummary execution, AttemptFingerprint sent)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return execution.TriggerType is { } trigger && OtherTriggers.Contains(trigger) ? Evidence.Contradicts : Weigh(execution.TriggerInput, sent);
    }

    /// <summary>The evidence <paramref name="triggerInput"/> gives that the execution is the run of <paramref name="sent"/>.</summary>
    public static Evidence Weigh(JsonElement? triggerInput, AttemptFingerprint sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (triggerInput is not { ValueKind: JsonValueKind.Object } echoedElement)
        {
            return Evidence.Silent;
        }

        var echo = JsonNode.Parse(echoedElement.GetRawText())!.AsObject();
        var scalarsEqual = 0;
        var scalarsUnknown = 0;
        foreach (var (name, value) in sent.Scalars)
        {
            var comparison = echo.TryGetPropertyValue(name, out var echoed) ? JsonEquivalence.Compare(value, echoed) : Comparison.CannotTell;
            switch (comparison)
            {
                case Comparison.Different:
                    return Evidence.Contradicts;
                case Comparison.Equal:
                    scalarsEqual++;
                    break;
                default:
                    scalarsUnknown++;
                    break;
            }
        }

        if (sent.Files.Count == 0)
        {
            return scalarsEqual == 0 ? Evidence.Silent : scalarsUnknown == 0 ? Evidence.Proves : Evidence.Suggests;
        }

        // Scalars are often the same for a whole batch: with files, the weakest file decides.
        var weakest = Evidence.Proves;
        foreach (var file in sent.Files)
        {
            var evidence = WeighFile(echo.TryGetPropertyValue(file.InputName, out var echoed) ? echoed : null, file);
            if (evidence == Evidence.Contradicts)
            {
                return Evidence.Contradicts;
            }

            weakest = evidence < weakest ? evidence : weakest;
        }

        return weakest;
    }

    private static Evidence WeighFile(JsonNode? echoed, SentFile file)
    {
        switch (echoed)
        {
            case JsonObject obj:
                if (FirstHash(obj, Sha256Keys) is { } hash)
                {
                    return string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase) ? Evidence.Proves : Evidence.Contradicts;
                }

                if (FirstHash(obj, GenericHashKeys) is { } digest && string.Equals(digest, file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    return Evidence.Proves;
                }

                var name = FirstString(obj, NameKeys) is { } echoedName ? CompareName(echoedName, file) : Comparison.CannotTell;
                var size = FirstSize(obj);
                if (name == Comparison.Different || (size is { } s && s != file.SizeBytes))
                {
                    return Evidence.Contradicts;
                }

                return (name, size) switch
                {
                    (Comparison.Equal, not null) => Evidence.NearlyProves,
                    (Comparison.Equal, null) => Evidence.Suggests,
                    _ => Evidence.Silent, // a size alone, a name we cannot compare, or nothing recognisable
                };
            case JsonValue value when value.TryGetValue<string>(out var text):
                // A bare string may be the hash, the file name or an opaque storage reference (which may
                // look like a hash): only a match counts, never a difference.
                if (AsSha256(text) is { } textHash && string.Equals(textHash, file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    return Evidence.Proves;
                }

                return CompareName(text, file) == Comparison.Equal ? Evidence.Suggests : Evidence.Silent;
            default:
                return Evidence.Silent;
        }
    }

    private static string? FirstHash(JsonObject obj, string[] keys)
    {
        foreach (var key in keys)
        {
            if (Get(obj, key) is JsonValue value && value.TryGetValue<string>(out var text) && AsSha256(text) is { } hash)
            {
                return hash;
            }
        }

        return null;
    }

    /// <summary>The hex digest when <paramref name="text"/> is a SHA-256 (optionally prefixed <c>sha256:</c>); anything else is not compared.</summary>
    private static string? AsSha256(string text)
    {
        var hex = text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? text[7..] : text;
        return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    private static long? FirstSize(JsonObject obj)
    {
        foreach (var key in SizeKeys)
        {
            if (Get(obj, key) is JsonValue value)
            {
                if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number))
                {
                    return number;
                }

                if (value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
            }
        }

        return null;
    }

    private static string? FirstString(JsonObject obj, string[] keys)
    {
        foreach (var key in keys)
        {
            if (Get(obj, key) is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text;
            }
        }

        return null;
    }

    private static JsonNode? Get(JsonObject obj, string key)
    {
        if (obj.TryGetPropertyValue(key, out var exact))
        {
            return exact;
        }

        foreach (var (name, value) in obj)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// Equal to a name the client put on the wire, or to it as a server may clean it up (case,
    /// spaces and punctuation replaced or dropped); different only when even those loose forms of
    /// two plain ASCII names differ and neither is a shortened form of the other. A name with other
    /// characters may come back in another Unicode form or re-encoded (and this process runs without
    /// ICU, so it cannot normalise): that is "cannot tell".
    /// </summary>
    private static Comparison CompareName(string echoed, SentFile file)
    {
        if (file.WireNames.Any(n => string.Equals(n, echoed, StringComparison.Ordinal)))
        {
            return Comparison.Equal;
        }

        if (!Ascii.IsValid(echoed) || !Ascii.IsValid(file.FileName))
        {
            return Comparison.CannotTell;
        }

        var (ours, theirs) = (Loose(file.FileName), Loose(echoed));
        if (ours == theirs)
        {
            return Comparison.Equal;
        }

        return ours.Length > 0 && theirs.Length > 0 && !ours.StartsWith(theirs, StringComparison.Ordinal) && !theirs.StartsWith(ours, StringComparison.Ordinal)
            ? Comparison.Different
            : Comparison.CannotTell;
    }

    // Lower case, letters, digits and dots only: "My Invoice (1).PDF" and "my_invoice__1_.pdf" agree.
    private static string Loose(string name) =>
        new([.. name.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.')]);
}
