using System.Text.Json.Serialization;

namespace Eigenpal.Api;

/// <summary>What a cancel request did (the <c>status</c> of the cancel response).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CancelOutcome>))]
public enum CancelOutcome
{
    /// <summary>The execution was <c>created</c> or <c>pending</c> and is now cancelled (<c>cancelled</c>).</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>The execution is running or waiting; the worker will stop it at its next checkpoint (<c>cancellation-requested</c>).</summary>
    [JsonStringEnumMemberName("cancellation-requested")] CancellationRequested,

    /// <summary>The execution had already ended; nothing was done (<c>already-terminal</c>).</summary>
    [JsonStringEnumMemberName("already-terminal")] AlreadyTerminal,
}
