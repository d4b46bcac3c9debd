using System.Text.Json;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// A run's input as the API keeps it for <c>triggerInput</c>: values as sent, in the sender's
/// order, and what is known of each file (not its bytes). How it is shown depends on the modes
/// in force when the list is read.
/// </summary>
internal sealed record RecordedInput(
    IReadOnlyList<KeyValuePair<string, JsonElement>> Values,
    IReadOnlyList<KeyValuePair<string, RecordedFile>> Files)
{
    public static RecordedInput From(RunInput input) => new(
        [.. input.Values],
        [.. input.Files.Select(f => KeyValuePair.Create(f.Key, new RecordedFile(f.Value.FileName, f.Value.ContentType, f.Value.Content.LongLength, f.Value.Sha256)))]);
}
