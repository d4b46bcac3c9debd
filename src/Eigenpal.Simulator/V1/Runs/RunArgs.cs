using System.Buffers;
using System.Text.Json;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// <c>input.args</c> and <c>input.metadata</c> as <c>expand=input</c> shows them: values as sent,
/// then each file input as the run-scoped reference <c>{"$file": "input/&lt;input name&gt;"}</c>
/// (reference §4.1.1: once ingested, inputs refer to run-scoped copies, never to the upload).
/// </summary>
internal static class RunArgs
{
    public static JsonElement Render(Execution execution)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in execution.Input.Values)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }

            foreach (var (key, _) in execution.Input.Files)
            {
                writer.WriteStartObject(key);
                writer.WriteString("$file", $"input/{key}");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Parse(buffer.WrittenMemory);
    }

    /// <summary>The metadata as the mode in force shows it, or null when it is not shown.</summary>
    public static JsonElement? Metadata(JsonElement? metadata, ModeOptions modes)
    {
        if (metadata is not { ValueKind: JsonValueKind.Object } sent || modes.MetadataEcho == MetadataEchoMode.Dropped)
        {
            return null;
        }

        if (modes.MetadataEcho == MetadataEchoMode.Echoed)
        {
            return sent;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in sent.EnumerateObject())
            {
                writer.WriteString(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
            }

            writer.WriteEndObject();
        }

        return Parse(buffer.WrittenMemory);
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
