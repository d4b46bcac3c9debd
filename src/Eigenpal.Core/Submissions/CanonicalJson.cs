using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Submissions;

/// <summary>JSON with object keys sorted, so equal values always serialise to the same text.</summary>
internal static class CanonicalJson
{
    public static string Write(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        JsonValue value => JsonNode.Parse(value.ToJsonString()),
        null => null,
        _ => throw new JsonException($"Unexpected JSON node {node.GetType().Name}"),
    };
}
