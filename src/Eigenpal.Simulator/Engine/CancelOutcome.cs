namespace Eigenpal.Simulator.Engine;

/// <summary>The answer to a cancel request: what happened, and the status before it.</summary>
internal readonly record struct CancelOutcome(string Status, string WasStatus)
{
    public const string CancelledNow = "cancelled";
    public const string CancellationRequested = "cancellation-requested";
    public const string AlreadyTerminal = "already-terminal";
}
