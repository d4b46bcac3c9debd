using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Eigenpal.Api.Http;

/// <summary>
/// Encodes a <see cref="RunRequest"/> body: JSON with only the keys that are set, or, when a top-level input
/// is a <see cref="RunFile"/>, multipart/form-data with one part per file and a <c>_json</c> text part.
/// </summary>
internal static class RunContent
{
    public const string JsonPartName = "_json";

    /// <summary>How input values are serialised: web defaults, reflection allowed for caller types.</summary>
    private static readonly JsonSerializerOptions InputOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<HttpContent> CreateAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFiles)
        {
            var json = new ByteArrayContent(SerializeJson(request, request.Input));
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return json;
        }

        var boundary = "eigenpal-" + Guid.NewGuid().ToString("N");
        var multipart = new MultipartFormDataContent(boundary);
        try
        {
            // The default header quotes the boundary; some servers do not unquote it.
            multipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=" + boundary);
            var scalars = new Dictionary<string, object?>();
            foreach (var (key, value) in request.Input)
            {
                if (value is RunFile file)
                {
                    var bytes = await file.ReadAsync(cancellationToken);
                    var part = new ReadOnlyMemoryContent(bytes);
                    part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
                    part.Headers.ContentDisposition = FormData(key, file.FileName);
                    multipart.Add(part);
                }
                else
                {
                    scalars[key] = value;
                }
            }

            if (scalars.Count > 0 || request.Overrides is not null || request.Trigger is not null)
            {
                var sidecar = new ByteArrayContent(SerializeJson(request, scalars));
                sidecar.Headers.ContentDisposition = FormData(JsonPartName, null);
                multipart.Add(sidecar);
            }

            return multipart;
        }
        catch
        {
            multipart.Dispose();
            throw;
        }
    }

    /// <summary>The JSON object <c>{input, overrides, trigger}</c> with only the keys that have a value.</summary>
    public static byte[] SerializeJson(RunRequest request, IReadOnlyDictionary<string, object?> input)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (input.Count > 0)
            {
                writer.WritePropertyName("input");
                writer.WriteStartObject();
                foreach (var (key, value) in input)
                {
                    writer.WritePropertyName(key);
                    JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), InputOptions);
                }

                writer.WriteEndObject();
            }

            if (request.Overrides is { } overrides)
            {
                writer.WritePropertyName("overrides");
                overrides.WriteTo(writer);
            }

            if (request.Trigger is { } trigger)
            {
                writer.WriteString("trigger", trigger == RunTrigger.Cli ? "cli" : "api");
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ContentDispositionHeaderValue FormData(string name, string? fileName)
    {
        var disposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
        if (fileName is not null)
        {
            if (Ascii.IsValid(fileName))
            {
                disposition.FileName = Quote(fileName);
            }
            else
            {
                disposition.FileName = Quote(RunFile.AsciiFallbackName(fileName));
                disposition.FileNameStar = fileName;
            }
        }

        return disposition;
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
