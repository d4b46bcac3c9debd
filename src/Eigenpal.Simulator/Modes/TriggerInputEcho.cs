using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Modes;

/// <summary>
/// Writes an execution's <c>triggerInput</c> as the modes in force say: files in the
/// <see cref="ModeOptions.FileEcho"/> shape, and values as sent or re-serialised
/// (<see cref="ModeOptions.ReserializeScalars"/>).
/// </summary>
internal static class TriggerInputEcho
{
    /// <summary>The echo, or null when list items carry no <c>triggerInput</c>.</summary>
    public static JsonElement? Render(Execution execution, ModeOptions modes)
    {
        if (modes.FileEcho == FileEchoMode.None)
        {
            return null;
        }

        var reserialize = modes.ReserializeScalars;
        var entries = new List<(string Key, JsonElement? Value, RecordedFile? File)>();
        foreach (var (key, value) in execution.Input.Values)
        {
            if (!(reserialize && value.ValueKind == JsonValueKind.Null))
            {
                entries.Add((key, value, null));
            }
        }

        entries.AddRange(execution.Input.Files.Select(f => (f.Key, (JsonElement?)null, (RecordedFile?)f.Value)));
        if (reserialize)
        {
            entries.Reverse();
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value, file) in entries)
            {
                writer.WritePropertyName(key);
                if (file is not null)
                {
                    WriteFile(writer, execution.Id, key, file, modes.FileEcho);
                }
                else if (reserialize)
                {
                    WriteReserialized(writer, value!.Value);
                }
                else
                {
                    value!.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteFile(Utf8JsonWriter writer, string executionId, string key, RecordedFile file, FileEchoMode mode)
    {
        switch (mode)
        {
            case FileEchoMode.Full:
                writer.WriteStartObject();
                writer.WriteString("fileName", file.FileName);
                writer.WriteString("contentType", file.ContentType);
                writer.WriteNumber("sizeBytes", file.SizeBytes);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteEndObject();
                break;
            case FileEchoMode.NameAndSize:
                writer.WriteStartObject();
                writer.WriteString("filename", file.FileName);
                writer.WriteNumber("size", file.SizeBytes);
                writer.WriteEndObject();
                break;
            case FileEchoMode.NameOnly:
                writer.WriteStartObject();
                writer.WriteString("filename", file.FileName);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(StorageReference(executionId, key));
                break;
        }
    }

    /// <summary>A key in an imagined object store: derived from the execution and input name only, never from the content.</summary>
    private static string StorageReference(string executionId, string key) =>
        "files/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{executionId}/{key}")))[..32];

    private static void WriteReserialized(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().Reverse())
                {
                    writer.WritePropertyName(property.Name);
                    WriteReserialized(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteReserialized(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(JavaScriptNumber.Reserialize(value.GetRawText()), skipInputValidation: true);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
