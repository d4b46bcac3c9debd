namespace Eigenpal.Polling;

/// <summary>What one poll job did.</summary>
/// <param name="Claimed">Due executions claimed.</param>
/// <param name="Changed">Status changes recorded.</param>
/// <param name="ListCalls">List calls made.</param>
/// <param name="GetCalls">Per-execution get calls made.</param>
public sealed record PollReport(int Claimed, int Changed, int ListCalls, int GetCalls);
