namespace Eigenpal.Api;

/// <summary>Helpers for <see cref="ExecutionStatus"/>: terminality and the wire names.</summary>
public static class ExecutionStatusExtensions
{
    /// <summary>
    /// Whether the status is final: <c>completed</c>, <c>failed</c>, <c>cancelled</c> or <c>rejected</c>.
    /// An execution in a terminal status never changes again.
    /// </summary>
    public static bool IsTerminal(this ExecutionStatus status) => status is
        ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.Rejected;

    /// <summary>The wire name of the status, e.g. <c>completed</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined status.</exception>
    public static string ToWireName(this ExecutionStatus status) => status switch
    {
        ExecutionStatus.Created => "created",
        ExecutionStatus.Pending => "pending",
        ExecutionStatus.Running => "running",
        ExecutionStatus.Waiting => "waiting",
        ExecutionStatus.Finalizing => "finalizing",
        ExecutionStatus.Completed => "completed",
        ExecutionStatus.Failed => "failed",
        ExecutionStatus.Cancelled => "cancelled",
        ExecutionStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown execution status."),
    };

    /// <summary>Parses a wire name such as <c>running</c> (exact, lower-case, as the API sends it).</summary>
    /// <param name="wire">The wire name.</param>
    /// <param name="status">The parsed status when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="wire"/> is a known status.</returns>
    public static bool TryParse(string? wire, out ExecutionStatus status)
    {
        switch (wire)
        {
            case "created": status = ExecutionStatus.Created; return true;
            case "pending": status = ExecutionStatus.Pending; return true;
            case "running": status = ExecutionStatus.Running; return true;
            case "waiting": status = ExecutionStatus.Waiting; return true;
            case "finalizing": status = ExecutionStatus.Finalizing; return true;
            case "completed": status = ExecutionStatus.Completed; return true;
            case "failed": status = ExecutionStatus.Failed; return true;
            case "cancelled": status = ExecutionStatus.Cancelled; return true;
            case "rejected": status = ExecutionStatus.Rejected; return true;
            default: status = default; return false;
        }
    }
}
