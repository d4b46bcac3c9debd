using System.Text.Json.Serialization;

namespace Eigenpal.Api.V1;

/// <summary>What a cancel did (<c>cancellation.state</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CancellationState>))]
public enum CancellationState
{
    /// <summary>The run had not started and was stopped at once (<c>cancelled</c>).</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>The run is in progress and will become <c>cancelled</c> when it stops (<c>requested</c>).</summary>
    [JsonStringEnumMemberName("requested")] Requested,

    /// <summary>The run had already ended; nothing changed (<c>already_terminal</c>).</summary>
    [JsonStringEnumMemberName("already_terminal")] AlreadyTerminal,
}
