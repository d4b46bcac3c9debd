using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>One input a submission would send, as <see cref="InputSchemaCheck"/> sees it.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Field">Where it came from, for the report: a column (<c>input.language</c>, <c>file.scan</c>) or an option (<c>--input</c>).</param>
/// <param name="Value">The value sent; null for a file (and for a JSON null).</param>
/// <param name="IsFile">True when a file is sent under this name.</param>
internal sealed record SentInput(string Name, string Field, JsonNode? Value, bool IsFile)
{
    /// <summary>A value input.</summary>
    public static SentInput OfValue(string name, string field, JsonNode? value) => new(name, field, value, false);

    /// <summary>A file input.</summary>
    public static SentInput OfFile(string name, string field) => new(name, field, null, true);
}
