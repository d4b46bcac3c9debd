using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// The serializer settings of every response: camelCase, and null properties left out, because
/// the SDK's strict decoders reject <c>null</c> for keys such as <c>currentPhase</c> or <c>failure</c>
/// and the smoke check treats a <c>null</c> key as present.
/// </summary>
internal static class SimulatorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
