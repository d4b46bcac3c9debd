using System.Security.Cryptography;
using System.Text.Json;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// Reads a run body in either form the SDK sends: JSON <c>{input, overrides, trigger}</c>, or
/// multipart with one part per file input and a <c>_json</c> text field wrapping the same keys.
/// Overrides are accepted in any shape and ignored: the simulator has no steps to replace.
/// </summary>
internal static class RunRequestReader
{
    private const string Sidecar = "_json";

    public static async Task<(RunRequest? Request, IResult? Error)> ReadAsync(HttpContext context, CancellationToken ct)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var files = new Dictionary<string, InputFile>(StringComparer.Ordinal);
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var bytes = buffer.ToArray();
                files[file.Name] = new InputFile(file.FileName, file.ContentType ?? "application/octet-stream", bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }

            // Text fields other than _json are not part of the SDK's wire format and are ignored.
            var sidecar = form[Sidecar].ToString();
            if (sidecar.Length == 0)
            {
                return (new RunRequest(new RunInput(new Dictionary<string, JsonElement>(), files), "api"), null);
            }

            return ParseEnvelope(context, sidecar, "body._json", files);
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        return string.IsNullOrWhiteSpace(body)
            ? (new RunRequest(RunInput.Empty, "api"), null)
            : ParseEnvelope(context, body, "body", new Dictionary<string, InputFile>());
    }

    private static (RunRequest?, IResult?) ParseEnvelope(HttpContext context, string json, string path, Dictionary<string, InputFile> files)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, ApiErrors.Validation(context, path, "The body is not valid JSON."));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiErrors.Validation(context, path, "Expected a JSON object."));
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("input", out var input) && input.ValueKind != JsonValueKind.Null)
        {
            if (input.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiErrors.Validation(context, $"{path}.input", "input must be an object keyed by input name."));
            }

            foreach (var property in input.EnumerateObject())
            {
                values[property.Name] = property.Value;
            }
        }

        var trigger = "api";
        if (root.TryGetProperty("trigger", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            trigger = t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
            if (trigger is not ("api" or "cli"))
            {
                return (null, ApiErrors.Validation(context, $"{path}.trigger", "trigger must be 'api' or 'cli'."));
            }
        }

        return (new RunRequest(new RunInput(values, files), trigger), null);
    }

    /// <summary>Checks the inputs against the workflow's declared inputs; the first problem wins.</summary>
    public static IResult? Validate(HttpContext context, WorkflowDefinition workflow, RunInput input)
    {
        foreach (var declared in workflow.Inputs)
        {
            var field = $"body.input.{declared.Name}";
            var hasFile = input.Files.ContainsKey(declared.Name);
            var hasValue = input.Values.TryGetValue(declared.Name, out var value) && value.ValueKind != JsonValueKind.Null;
            if (!hasFile && !hasValue)
            {
                if (declared.Required)
                {
                    return ApiErrors.Validation(context, field, $"Input '{declared.Name}' is required.", "required");
                }

                continue;
            }

            if (declared.Kind == WorkflowInputKind.File && !hasFile)
            {
                return ApiErrors.Validation(context, field, $"Input '{declared.Name}' must be a file (send it as a multipart part named '{declared.Name}').");
            }

            if (declared.Kind == WorkflowInputKind.Text && (hasFile || value.ValueKind != JsonValueKind.String))
            {
                return ApiErrors.Validation(context, field, $"Input '{declared.Name}' must be a string.");
            }
        }

        return null;
    }
}
