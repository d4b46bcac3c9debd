using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// The inputs a workflow declares, read from its YAML (<c>inputs:</c>, a map of name to
/// <c>{ type, required }</c>, or a list of <c>{ name, type, required }</c>). The API does not
/// promise that shape, so whatever cannot be read gives no inputs and no advice, never an error.
/// </summary>
internal sealed class WorkflowInputs
{
    private WorkflowInputs(IReadOnlyList<Declared> inputs) => Inputs = inputs;

    public IReadOnlyList<Declared> Inputs { get; }

    public IEnumerable<string> FileInputs => Inputs.Where(i => i.IsFile).Select(i => i.Name);

    /// <summary>The declared inputs, or null when <paramref name="yaml"/> has none this can read.</summary>
    public static WorkflowInputs? FromYaml(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0
                || stream.Documents[0].RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("inputs"), out var node))
            {
                return null;
            }

            var inputs = node switch
            {
                YamlMappingNode map => map.Children.Select(c => Read((c.Key as YamlScalarNode)?.Value, c.Value)).ToList(),
                YamlSequenceNode list => list.Children.OfType<YamlMappingNode>().Select(m => Read(Scalar(m, "name"), m)).ToList(),
                _ => [],
            };
            var named = inputs.OfType<Declared>().ToList();
            return named.Count == 0 ? null : new WorkflowInputs(named);
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>
    /// The inputs a v1 automation's <c>inputSchema</c> declares (a JSON Schema object: <c>properties</c>
    /// and <c>required</c>). A property is a file when its schema says so in any of the usual ways
    /// (<c>format: binary</c>, <c>contentMediaType</c>, a type or <c>x-eigenpal-file</c> naming a file);
    /// a schema this cannot read gives no inputs and no advice.
    /// </summary>
    public static WorkflowInputs? FromJsonSchema(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var inputs = properties.EnumerateObject().Select(p => new Declared(p.Name, IsFileSchema(p.Value))).ToList();
        return inputs.Count == 0 ? null : new WorkflowInputs(inputs);
    }

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

    /// <summary>
    /// Why files sent as <paramref name="inputField"/> would be refused, or null when the workflow declares
    /// that file input (or declares no file input this can see).
    /// </summary>
    public string? ProblemWithFileInput(string workflow, string inputField)
    {
        var files = FileInputs.ToList();
        if (files.Count == 0 || files.Contains(inputField, StringComparer.Ordinal))
        {
            return null;
        }

        var names = string.Join(", ", files.Select(f => $"'{f}'"));
        return $"the workflow '{workflow}' declares the file input{(files.Count > 1 ? "s" : "")} {names}, not '{inputField}' " +
            $"(--input-field): pass --input-field {files[0]}, or the API will refuse every run";
    }

    private static Declared? Read(string? name, YamlNode value)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var type = value switch
        {
            YamlScalarNode scalar => scalar.Value,
            YamlMappingNode map => Scalar(map, "type"),
            _ => null,
        };
        return new Declared(name, type is not null && type.Contains("file", StringComparison.OrdinalIgnoreCase));
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>One declared input.</summary>
    public sealed record Declared(string Name, bool IsFile);
}
