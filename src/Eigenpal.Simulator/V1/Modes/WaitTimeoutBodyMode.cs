using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>The body of a 202 answer (a <c>wait_for_completion</c> that ran out); the OpenAPI document does not pin it down.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WaitTimeoutBodyMode>))]
public enum WaitTimeoutBodyMode
{
    /// <summary>A full Run, still in progress.</summary>
    Run,

    /// <summary>A RunAccepted <c>{id, type, finished: false, source}</c>.</summary>
    Accepted,
}
