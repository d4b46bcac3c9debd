namespace Eigenpal.Simulator.Engine;

/// <summary>The execution statuses of the wire format, in their usual order.</summary>
internal static class ExecutionStatus
{
    public const string Created = "created";
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Finalizing = "finalizing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Created, Pending, Running, Waiting, Finalizing, Completed, Failed, Cancelled, Rejected,
    };

    public static bool IsTerminal(string status) =>
        status is Completed or Failed or Cancelled or Rejected;
}
