using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Api.Http;

namespace Eigenpal.Api.V1;

/// <summary>
/// Encodes a <see cref="RunStartRequest"/>: JSON <c>{target, input, files?, overrides?, metadata?}</c>, or, when an
/// input is a <see cref="RunFile"/>, multipart/form-data with the same keys as text parts (JSON-encoded objects)
/// and one <c>files.&lt;name&gt;</c> part per file. <see cref="FileReference"/> values stay in <c>input</c> (where
/// they serialise as <c>{"$fileId": …}</c>) unless the request puts them in the <c>files</c> map.
/// </summary>
internal static class RunStartContent
{
    public const string FilePartPrefix = "files.";

    public static async Task<HttpContent> CreateAsync(RunStartRequest request, CancellationToken cancellationToken)
    {
        var input = new Dictionary<string, object?>();
        var referenced = new Dictionary<string, object?>();
        var files = new List<(string Name, RunFile File)>();
        foreach (var (name, value) in request.Input)
        {
            if (value is RunFile file)
            {
                files.Add((name, file));
            }
            else if (request.FileReferencesIn == FileReferencePlacement.FilesMap && value is FileReference or IEnumerable<FileReference>)
            {
                referenced[name] = value;
            }
            else
            {
                input[name] = value;
            }
        }

        if (files.Count == 0)
        {
            var json = new ByteArrayContent(Serialize(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("target", request.Target);
                WriteMembers(writer, "input", input);
                if (referenced.Count > 0)
                {
                    WriteMembers(writer, "files", referenced);
                }

                WriteIfAny(writer, "overrides", request.Overrides);
                WriteIfAny(writer, "metadata", request.Metadata);
                writer.WriteEndObject();
            }));
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return json;
        }

        var multipart = RunContent.NewMultipart();
        try
        {
            multipart.Add(TextPart("target", Encoding.UTF8.GetBytes(request.Target), contentType: null));
            multipart.Add(TextPart("input", Serialize(writer => WriteObject(writer, input)), "application/json"));
            if (referenced.Count > 0)
            {
                multipart.Add(TextPart("files", Serialize(writer => WriteObject(writer, referenced)), "application/json"));
            }

            if (request.Overrides is { Count: > 0 } overrides)
            {
                multipart.Add(TextPart("overrides", Serialize(w => overrides.WriteTo(w)), "application/json"));
            }

            if (request.Metadata is { Count: > 0 } metadata)
            {
                multipart.Add(TextPart("metadata", Serialize(w => metadata.WriteTo(w)), "application/json"));
            }

            foreach (var (name, file) in files)
            {
                multipart.Add(RunContent.FilePart(FilePartPrefix + name, file.FileName, file.ContentType, await file.ReadAsync(cancellationToken)));
            }

            return multipart;
        }
        catch
        {
            multipart.Dispose();
            throw;
        }
    }

    private static ByteArrayContent TextPart(string name, byte[] body, string? contentType)
    {
        var part = new ByteArrayContent(body);
        part.Headers.ContentDisposition = RunContent.FormData(name, null);
        if (contentType is not null)
        {
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return part;
    }

    private static void WriteMembers(Utf8JsonWriter writer, string name, Dictionary<string, object?> values)
    {
        writer.WritePropertyName(name);
        WriteObject(writer, values);
    }

    private static void WriteObject(Utf8JsonWriter writer, Dictionary<string, object?> values)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in values)
        {
            writer.WritePropertyName(key);
            RunContent.WriteInputValue(writer, value);
        }

        writer.WriteEndObject();
    }

    // The official SDK leaves overrides and metadata out when they are empty.
    private static void WriteIfAny(Utf8JsonWriter writer, string name, JsonObject? value)
    {
        if (value is { Count: > 0 })
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, RunContent.WriterOptions))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
