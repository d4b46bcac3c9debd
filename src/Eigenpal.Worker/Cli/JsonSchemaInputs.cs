using System.Text.Json;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// Reads the inputs a v1 automation's <c>inputSchema</c> declares: a JSON Schema object with
/// <c>properties</c> (one per input), <c>required</c> and <c>additionalProperties</c>. The reference
/// calls the schema a free-form object, so only these keywords are read and anything else is ignored;
/// a schema without a <c>properties</c> object gives no inputs, so nothing is checked.
/// </summary>
internal static class JsonSchemaInputs
{
    /// <summary>The JSON types a schema's <c>type</c> may name for an input value.</summary>
    public static readonly IReadOnlySet<string> KnownTypes =
        new HashSet<string>(["string", "number", "integer", "boolean", "object", "array", "null"], StringComparer.Ordinal);

    /// <summary>
    /// The declared inputs, or null when <paramref name="schema"/> declares no <c>properties</c>.
    /// Inputs it does not name are refused unless <c>additionalProperties</c> is <c>true</c> or a
    /// schema: when it is absent the API's own check is assumed closed (a start with an undeclared
    /// input is a 400), so the batch is checked the same way rather than let every run be refused.
    /// </summary>
    public static WorkflowInputs? Read(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var required = root.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var inputs = properties.EnumerateObject()
            .Select(p => new WorkflowInputs.Declared(p.Name, IsFileSchema(p.Value), required.Contains(p.Name), TypesOf(p.Value)))
            .ToList();

        // A required name without a property of its own is still an input the API will ask for.
        inputs.AddRange(required.Where(r => inputs.All(i => i.Name != r)).Select(r => new WorkflowInputs.Declared(r, false, true)));
        var open = root.TryGetProperty("additionalProperties", out var additional)
            && additional.ValueKind is JsonValueKind.True or JsonValueKind.Object;
        return new WorkflowInputs(inputs, isSchema: true, allowsUndeclared: open);
    }

    /// <summary>The types a property allows (<c>type</c> as a name or a list; OpenAPI's <c>nullable</c> adds null), or null when it names none this knows.</summary>
    private static List<string>? TypesOf(JsonElement property)
    {
        if (property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("type", out var type))
        {
            return null;
        }

        var names = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
            _ => new List<string>(),
        };

        // An unknown type name (a vendor's "file", say) could allow anything: then the type is not checked.
        if (names.Count == 0 || !names.All(KnownTypes.Contains))
        {
            return null;
        }

        if (property.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True && !names.Contains("null"))
        {
            names.Add("null");
        }

        return names;
    }

    /// <summary>A property is a file when its schema says so in any of the usual ways (<c>format: binary</c>, <c>contentMediaType</c>, a type or <c>x-eigenpal-file</c> naming a file).</summary>
    private static bool IsFileSchema(JsonElement property)
    {
        if (property.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        static bool Says(JsonElement p, string key, Func<JsonElement, bool> test) =>
            p.TryGetProperty(key, out var value) && test(value);
        return Says(property, "format", v => v.ValueKind == JsonValueKind.String && v.GetString() is "binary" or "file" or "byte")
            || Says(property, "contentMediaType", _ => true)
            || Says(property, "x-eigenpal-file", v => v.ValueKind == JsonValueKind.True)
            || Says(property, "type", v => v.ValueKind == JsonValueKind.String && v.GetString()!.Contains("file", StringComparison.OrdinalIgnoreCase));
    }
}
