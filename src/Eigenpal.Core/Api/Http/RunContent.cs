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

    /// <summary>The writer settings of every request body (no escaping of non-ASCII text), shared with the v1 bodies.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<HttpContent> CreateAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFiles)
        {
            var json = new ByteArrayContent(SerializeJson(request, request.Input));
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return json;
        }

        var multipart = NewMultipart();
        try
        {
            var scalars = new Dictionary<string, object?>();
            foreach (var (key, value) in request.Input)
            {
                if (value is RunFile file)
                {
                    multipart.Add(FilePart(key, file.FileName, file.ContentType, await file.ReadAsync(cancellationToken)));
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
                    WriteInputValue(writer, value);
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

    /// <summary>An empty multipart/form-data body with an unquoted boundary (the default header quotes it; some servers do not unquote it).</summary>
    internal static MultipartFormDataContent NewMultipart()
    {
        var boundary = "eigenpal-" + Guid.NewGuid().ToString("N");
        var multipart = new MultipartFormDataContent(boundary);
        multipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=" + boundary);
        return multipart;
    }

    /// <summary>A file part: the bytes with their content type and a form-data disposition.</summary>
    internal static HttpContent FilePart(string name, string fileName, string contentType, ReadOnlyMemory<byte> bytes)
    {
        var part = new ReadOnlyMemoryContent(bytes);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        part.Headers.ContentDisposition = FormData(name, fileName);
        return part;
    }

    /// <summary>Writes one caller-supplied input value (any type System.Text.Json can serialise, by reflection).</summary>
    internal static void WriteInputValue(Utf8JsonWriter writer, object? value) =>
        JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), InputOptions);

    /// <summary>The <c>Content-Disposition</c> of a form part; a non-ASCII file name also travels in <c>filename*</c>.</summary>
    internal static ContentDispositionHeaderValue FormData(string name, string? fileName)
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
