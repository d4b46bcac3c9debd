using System.Security.Cryptography;
using System.Text.Json;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// Reads <c>POST /v1/runs</c> as JSON (RunStartBody) or multipart (text fields <c>target</c>,
/// <c>input</c>, <c>metadata</c>, <c>overrides</c>, holding JSON where they are objects, and one
/// <c>files.&lt;input name&gt;</c> part per file). Other text fields are ignored, as the schema allows
/// them; a file part named otherwise is a 400, since the server could not tell which input it is.
/// </summary>
internal static class RunStartReader
{
    public const string FilePartPrefix = "files.";

    public static async Task<(RunStartBody? Body, IResult? Error)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        return request.HasFormContentType
            ? await ReadMultipartAsync(context)
            : request.ContentType is null || request.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? await ReadJsonAsync(context)
                : (null, ApiErrors.Validation(context, "body", "Send the start as application/json or multipart/form-data."));
    }

    private static async Task<(RunStartBody?, IResult?)> ReadJsonAsync(HttpContext context)
    {
        var (body, error) = await V1Request.ReadObjectAsync(context);
        if (error is not null)
        {
            return (null, error);
        }

        if (!V1Request.TryGetString(body, "target", out var target))
        {
            return (null, ApiErrors.Validation(context, "body.target", "target must be a string such as 'workflows.extract-invoice'."));
        }

        if (!TryObject(context, body, "input", "body.input", out var input, out error)
            || !TryObject(context, body, "files", "body.files", out var files, out error)
            || !TryObject(context, body, "metadata", "body.metadata", out var metadata, out error)
            || !TryObject(context, body, "overrides", "body.overrides", out var overrides, out error))
        {
            return (null, error);
        }

        return (new RunStartBody(target, Entries(input), files, new Dictionary<string, InputFile>(), metadata, overrides), null);
    }

    private static async Task<(RunStartBody?, IResult?)> ReadMultipartAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var parts = new Dictionary<string, InputFile>(StringComparer.Ordinal);
        foreach (var file in form.Files)
        {
            var name = file.Name.StartsWith(FilePartPrefix, StringComparison.Ordinal) ? file.Name[FilePartPrefix.Length..] : "";
            if (name.Length == 0)
            {
                return (null, ApiErrors.Validation(context, $"body.{file.Name}", $"File part '{file.Name}' must be named 'files.<input name>'."));
            }

            if (parts.ContainsKey(name))
            {
                return (null, ApiErrors.Validation(context, $"body.files.{name}", $"Input '{name}' takes one file; the part was sent twice."));
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.RequestAborted);
            var bytes = buffer.ToArray();
            parts[name] = new InputFile(file.FileName, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        JsonElement? input = null, metadata = null, overrides = null;
        IResult? error = null;
        if (!TryField(context, form["input"].ToString(), "input", out input, out error)
            || !TryField(context, form["metadata"].ToString(), "metadata", out metadata, out error)
            || !TryField(context, form["overrides"].ToString(), "overrides", out overrides, out error))
        {
            return (null, error);
        }

        var target = form["target"].ToString();
        return (new RunStartBody(target.Length == 0 ? null : target, Entries(input), null, parts, metadata, overrides), null);
    }

    private static List<KeyValuePair<string, JsonElement>> Entries(JsonElement? input) =>
        input is { } i ? [.. i.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value))] : [];

    private static bool TryObject(HttpContext context, JsonElement body, string name, string field, out JsonElement? value, out IResult? error)
    {
        value = null;
        error = null;
        if (!body.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.Object)
        {
            error = ApiErrors.Validation(context, field, $"{name} must be an object.");
            return false;
        }

        value = property;
        return true;
    }

    private static bool TryField(HttpContext context, string text, string name, out JsonElement? value, out IResult? error)
    {
        value = null;
        error = null;
        if (text.Length == 0)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                value = document.RootElement.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // Answered below, as for a JSON value that is not an object.
        }

        error = ApiErrors.Validation(context, $"body.{name}", $"The '{name}' field must hold a JSON object.");
        return false;
    }
}
