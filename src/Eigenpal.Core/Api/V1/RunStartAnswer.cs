using System.Text.Json;
using Eigenpal.Api.V1.Wire;

namespace Eigenpal.Api.V1;

/// <summary>
/// Decodes the answer to a start or rerun by its body, whatever its 2xx code: the reference's RunAccepted allows
/// only <c>id</c>, <c>type</c>, <c>finished</c> and <c>source</c>, so a body with <c>timing</c>, <c>execution</c>
/// or <c>sampleRank</c> is a full Run (the generated SDK decoder, trying RunAccepted first, would drop it).
/// </summary>
internal static class RunStartAnswer
{
    private static readonly string[] RunOnlyKeys = ["timing", "execution", "sampleRank"];

    public static RunStarted Decode(int status, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected a JSON object, got {root.ValueKind}.");
        }

        if (RunOnlyKeys.Any(key => root.TryGetProperty(key, out _)))
        {
            var run = root.Deserialize(V1JsonContext.Default.Run) ?? throw new JsonException("The response body was JSON null.");
            return new RunStarted(status, run.Id, run.Finished, run);
        }

        var accepted = root.Deserialize(V1JsonContext.Default.RunAcceptedWire) ?? throw new JsonException("The response body was JSON null.");
        return new RunStarted(status, accepted.Id, accepted.Finished, null);
    }
}
