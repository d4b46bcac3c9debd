using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>How <c>GET /v1/runs/{id}?expand=input</c> shows the metadata a run was started with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetadataEchoMode>))]
public enum MetadataEchoMode
{
    /// <summary><c>input.metadata</c> is the object as sent, byte for byte.</summary>
    Echoed,

    /// <summary>Start accepts metadata, but <c>input.metadata</c> is never shown.</summary>
    Dropped,

    /// <summary>Top-level values that are not strings are shown as their JSON text (<c>1.50</c> → <c>"1.50"</c>, <c>true</c> → <c>"true"</c>, <c>{"a":1}</c> → <c>"{\"a\":1}"</c>).</summary>
    StringsOnly,
}
