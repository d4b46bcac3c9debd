using System.Text.Json;

namespace Eigenpal.Simulator.Workflows;

/// <summary>The inputs of one run: JSON values and files, keyed by input name.</summary>
internal sealed record RunInput(IReadOnlyDictionary<string, JsonElement> Values, IReadOnlyDictionary<string, InputFile> Files)
{
    public static RunInput Empty { get; } = new(new Dictionary<string, JsonElement>(), new Dictionary<string, InputFile>());
}
