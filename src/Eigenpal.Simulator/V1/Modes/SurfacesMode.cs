using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>Which API surfaces answer; a surface switched off answers every route with the JSON 404 envelope of an unknown route.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SurfacesMode>))]
public enum SurfacesMode
{
    /// <summary>The legacy workflows routes and the v1 runs routes.</summary>
    Both,

    /// <summary>Only the legacy <c>/api/v1/workflows/...</c> routes, as a server from before SDK 0.8.0.</summary>
    LegacyOnly,

    /// <summary>Only the v1 routes, as the service's published OpenAPI document describes it.</summary>
    V1Only,
}
