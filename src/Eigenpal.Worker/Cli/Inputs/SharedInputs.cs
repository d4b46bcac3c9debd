using System.Text.Json.Nodes;
using Eigenpal.Worker.Cli.Infrastructure;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>The values of <c>--input key=value</c>, shared by every submission of the batch.</summary>
internal static class SharedInputs
{
    /// <summary>
    /// Parses the pairs (see <see cref="ScalarValue"/>); with a schema, a value for a string input stays
    /// the text as typed. A pair that is not <c>key=value</c>, or a value that is broken JSON, is a usage error.
    /// </summary>
    public static JsonObject Parse(IEnumerable<string> pairs, WorkflowInputs? schema)
    {
        var common = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--input '{pair}': expected key=value.");
            }

            var (key, text) = (pair[..equals].Trim(), pair[(equals + 1)..]);
            if (!ScalarValue.TryParse(text, schema?.Find(key)?.Types, out var value, out var error))
            {
                throw new UsageException($"--input {key}: {error}.");
            }

            common[key] = value;
        }

        return common;
    }

    /// <summary>What the schema says against the shared values, once for the batch rather than on every row.</summary>
    public static IReadOnlyList<InputProblem> Check(JsonObject common, string workflow, WorkflowInputs? schema) =>
        schema is null ? [] : InputSchemaCheck.CheckShared("--input", workflow, schema, InputSchemaCheck.Describe(common, [], key => key));
}
