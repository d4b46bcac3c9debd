using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.Options;

/// <summary>The order of the executions list; the SDK promises none.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListOrderMode>))]
public enum ListOrderMode
{
    /// <summary>Newest execution first (the common choice).</summary>
    NewestFirst,

    /// <summary>Oldest execution first.</summary>
    OldestFirst,
}
