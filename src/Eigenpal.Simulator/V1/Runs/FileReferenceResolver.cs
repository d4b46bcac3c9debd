using System.Security.Cryptography;
using System.Text.Json;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Files;
using Eigenpal.Simulator.V1.Modes;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// Turns a start body into the engine's input: plain values stay values; <c>{"$fileId": …}</c>
/// and <c>{"$inline": …}</c> references (inside <c>input</c> or in the <c>files</c> map, as
/// <see cref="ModeOptions.FileReferences"/> allows) and <c>files.&lt;name&gt;</c> parts become files.
/// Each input's field is remembered so that validation names the place the caller used.
/// </summary>
internal static class FileReferenceResolver
{
    public sealed record Resolved(RunInput Input, IReadOnlyDictionary<string, string> Fields);

    public static (Resolved? Resolved, IResult? Error) Resolve(HttpContext context, RunStartBody body, FileStore files, ModeOptions modes)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, InputFile>(StringComparer.Ordinal);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in body.Input)
        {
            var field = $"body.input.{name}";
            fields[name] = field;
            if (!IsReference(value))
            {
                values[name] = value;
                continue;
            }

            if (modes.FileReferences == FileReferencesMode.FilesMapOnly)
            {
                return (null, ApiErrors.Validation(context, field, "File references go in the 'files' map, not inside 'input'."));
            }

            var (file, error) = Load(context, value, field, files);
            if (file is null)
            {
                return (null, error);
            }

            inputs[name] = file;
        }

        if (body.FilesMap is { } map)
        {
            if (modes.FileReferences == FileReferencesMode.InputOnly)
            {
                return (null, ApiErrors.Validation(context, "body.files", "The 'files' map is not accepted: put {\"$fileId\": …} references inside 'input'."));
            }

            foreach (var property in map.EnumerateObject())
            {
                var field = $"body.files.{property.Name}";
                if (fields.ContainsKey(property.Name))
                {
                    return (null, ApiErrors.Validation(context, field, $"Input '{property.Name}' is given twice (in 'input' and in 'files')."));
                }

                fields[property.Name] = field;
                var reference = property.Value;
                if (reference.ValueKind == JsonValueKind.Array)
                {
                    if (reference.GetArrayLength() != 1)
                    {
                        return (null, ApiErrors.Validation(context, field, $"Input '{property.Name}' takes exactly one file."));
                    }

                    reference = reference[0];
                }

                if (!IsReference(reference))
                {
                    return (null, ApiErrors.Validation(context, field, "Expected {\"$fileId\": \"file_…\"} or {\"$inline\": {filename, mimeType, base64}}."));
                }

                var (file, error) = Load(context, reference, field, files);
                if (file is null)
                {
                    return (null, error);
                }

                inputs[property.Name] = file;
            }
        }

        foreach (var (name, part) in body.Parts)
        {
            var field = $"body.files.{name}";
            if (fields.ContainsKey(name))
            {
                return (null, ApiErrors.Validation(context, field, $"Input '{name}' is given twice (as a part and in 'input')."));
            }

            fields[name] = field;
            inputs[name] = part;
        }

        return (new Resolved(new RunInput(values, inputs), fields), null);
    }

    private static bool IsReference(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
        && (value.TryGetProperty("$fileId", out _) || value.TryGetProperty("$inline", out _));

    private static (InputFile? File, IResult? Error) Load(HttpContext context, JsonElement reference, string field, FileStore files)
    {
        if (reference.TryGetProperty("$fileId", out var id))
        {
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } fileId)
            {
                return (null, ApiErrors.Validation(context, $"{field}.$fileId", "$fileId must be a non-empty string."));
            }

            return files.Find(fileId) is { } stored
                ? (new InputFile(stored.FileName, stored.ContentType, stored.Content, stored.Sha256), null)
                : (null, ApiErrors.Validation(context, $"{field}.$fileId", $"File '{fileId}' was not found (never uploaded, or deleted)."));
        }

        var inline = reference.GetProperty("$inline");
        if (inline.ValueKind != JsonValueKind.Object
            || !V1Request.TryGetString(inline, "filename", out var fileName) || string.IsNullOrEmpty(fileName)
            || !V1Request.TryGetString(inline, "mimeType", out var mimeType) || string.IsNullOrEmpty(mimeType)
            || !V1Request.TryGetString(inline, "base64", out var base64) || string.IsNullOrEmpty(base64))
        {
            return (null, ApiErrors.Validation(context, $"{field}.$inline", "$inline needs non-empty filename, mimeType and base64."));
        }

        var bytes = new byte[base64.Length * 3 / 4];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return (null, ApiErrors.Validation(context, $"{field}.$inline.base64", "base64 is not valid base64."));
        }

        var content = bytes[..written];
        return (new InputFile(fileName, mimeType, content, Convert.ToHexStringLower(SHA256.HashData(content))), null);
    }
}
