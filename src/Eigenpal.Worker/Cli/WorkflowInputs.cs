using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// The inputs a workflow declares. On the legacy surface they are read from its YAML (<c>inputs:</c>,
/// a map of name to <c>{ type, required }</c>, or a list of <c>{ name, type, required }</c>); the API
/// does not promise that shape, so they are advice only, and whatever cannot be read gives no inputs
/// and no advice, never an error. On v1 they come from the automation's <c>inputSchema</c>, which the
/// API publishes for clients to check against: then <see cref="IsSchema"/> is true and a batch is
/// checked against them row by row (<see cref="Inputs.InputSchemaCheck"/>).
/// </summary>
internal sealed class WorkflowInputs
{
    internal WorkflowInputs(IReadOnlyList<Declared> inputs, bool isSchema = false, bool allowsUndeclared = false)
    {
        Inputs = inputs;
        IsSchema = isSchema;
        AllowsUndeclared = allowsUndeclared;
    }

    /// <summary>The declared inputs, in the order declared.</summary>
    public IReadOnlyList<Declared> Inputs { get; }

    /// <summary>The names of the inputs that take a file.</summary>
    public IEnumerable<string> FileInputs => Inputs.Where(i => i.IsFile).Select(i => i.Name);

    /// <summary>True when these come from a JSON Schema (v1): rules to check, not only advice.</summary>
    public bool IsSchema { get; }

    /// <summary>True when the schema lets a start send inputs it does not name (<c>additionalProperties</c> not false).</summary>
    public bool AllowsUndeclared { get; }

    /// <summary>The declared input named <paramref name="name"/>, or null.</summary>
    public Declared? Find(string name) => Inputs.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    /// <summary>The declared names, for messages: <c>a, b</c>, or <c>none</c>.</summary>
    public string Names => Inputs.Count == 0 ? "none" : string.Join(", ", Inputs.Select(i => i.Name));

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

    /// <summary>The inputs a v1 automation's <c>inputSchema</c> declares; see <see cref="JsonSchemaInputs"/>.</summary>
    public static WorkflowInputs? FromJsonSchema(JsonElement? schema) => JsonSchemaInputs.Read(schema);

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
    /// <param name="Name">The input's name.</param>
    /// <param name="IsFile">True when it takes a file.</param>
    /// <param name="Required">True when a run without it is refused (read from a schema's <c>required</c>; false from YAML).</param>
    /// <param name="Types">The JSON types the schema allows (<c>string</c>, <c>number</c>, …), or null when it does not say.</param>
    public sealed record Declared(string Name, bool IsFile, bool Required = false, IReadOnlyList<string>? Types = null);
}
