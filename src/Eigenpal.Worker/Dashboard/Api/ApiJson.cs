using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Eigenpal.Worker.Dashboard.Api;

/// <summary>How <c>/api/v1</c> writes JSON: snake_case names and state names as the store spells them, like <c>eigenpal results</c>.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    /// <summary>Stored JSON text as JSON (not a string holding JSON); null stays null.</summary>
    public static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
