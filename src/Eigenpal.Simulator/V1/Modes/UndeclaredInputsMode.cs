using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>
/// What a v1 start with an input the workflow does not declare gets. The reference is silent: the
/// legacy routes have always accepted such inputs, a strict server refuses them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UndeclaredInputsMode>))]
public enum UndeclaredInputsMode
{
    /// <summary>A 400 naming the field; the automation's <c>inputSchema</c> says <c>additionalProperties: false</c>.</summary>
    Rejected,

    /// <summary>Accepted and stored with the run, as the legacy routes do; the <c>inputSchema</c> says <c>additionalProperties: true</c>.</summary>
    Accepted,
}
