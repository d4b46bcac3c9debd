namespace Eigenpal.Polling;

/// <summary>What one poll job did.</summary>
/// <param name="Claimed">Due executions claimed.</param>
/// <param name="Changed">Status changes recorded (vanished attempts included).</param>
/// <param name="ListCalls">List calls made.</param>
/// <param name="GetCalls">Per-execution get calls made.</param>
/// <param name="Failed">Claimed executions whose get failed (404 included; a 429 is not a failure); each backs off.</param>
/// <param name="Vanished">Attempts ended <c>vanished</c> after answering 404 for longer than the timeout.</param>
public sealed record PollReport(int Claimed, int Changed, int ListCalls, int GetCalls, int Failed, int Vanished)
{
    /// <summary>Nothing polled.</summary>
    public static PollReport None { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sum of two reports.</summary>
    public PollReport Add(PollReport other) => new(
        Claimed + other.Claimed, Changed + other.Changed, ListCalls + other.ListCalls, GetCalls + other.GetCalls,
        Failed + other.Failed, Vanished + other.Vanished);
}
