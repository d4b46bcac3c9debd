using System.Text.Json.Serialization;

namespace Eigenpal.Api;

/// <summary>
/// The status of a workflow execution. On the wire the values are lower-case
/// (<c>created</c>, <c>pending</c>, …). <see cref="Completed"/>, <see cref="Failed"/>,
/// <see cref="Cancelled"/> and <see cref="Rejected"/> are terminal; see
/// <see cref="ExecutionStatusExtensions.IsTerminal(ExecutionStatus)"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionStatus>))]
public enum ExecutionStatus
{
    /// <summary>The execution was created and is not queued yet (<c>created</c>).</summary>
    [JsonStringEnumMemberName("created")] Created,

    /// <summary>The execution is queued (<c>pending</c>).</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>The execution is running (<c>running</c>).</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>The execution is waiting, for example for a human step (<c>waiting</c>).</summary>
    [JsonStringEnumMemberName("waiting")] Waiting,

    /// <summary>The execution is storing its outputs (<c>finalizing</c>).</summary>
    [JsonStringEnumMemberName("finalizing")] Finalizing,

    /// <summary>Terminal: the execution finished and carries a result (<c>completed</c>).</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>Terminal: the execution failed and carries an error (<c>failed</c>).</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Terminal: the execution was cancelled (<c>cancelled</c>).</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>Terminal: the execution was rejected before it ran (<c>rejected</c>).</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,
}
