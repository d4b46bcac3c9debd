using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// The canonical form of a run's input (object keys sorted, files reduced to their SHA-256),
/// hashed with the workflow id: equal fingerprints mean the same work was submitted twice.
/// </summary>
internal static class InputFingerprint
{
    public static string Compute(string workflowId, RunInput input)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("workflow", workflowId);
            writer.WriteStartObject("values");
            foreach (var (key, value) in input.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                WriteCanonical(writer, value);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("files");
            foreach (var (key, file) in input.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, file.Sha256);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
