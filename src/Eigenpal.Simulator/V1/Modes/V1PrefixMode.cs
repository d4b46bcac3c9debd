using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>Under which path prefix the v1 routes answer (the SDK since 0.11.0 uses <c>/v1</c>, the OpenAPI document <c>/api/v1</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<V1PrefixMode>))]
public enum V1PrefixMode
{
    /// <summary><c>/v1/...</c> and <c>/api/v1/...</c>.</summary>
    Both,

    /// <summary><c>/v1/...</c> only, as <c>api.eigenpal.com</c>.</summary>
    V1,

    /// <summary><c>/api/v1/...</c> only, as an instance host (studio or self-hosted).</summary>
    ApiV1,
}
