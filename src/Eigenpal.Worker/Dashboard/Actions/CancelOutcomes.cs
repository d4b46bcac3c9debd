using Eigenpal.Executions;

namespace Eigenpal.Worker.Dashboard.Actions;

/// <summary>A cancel's outcome in words, for the audit trail and the outcome page.</summary>
public static class CancelOutcomes
{
    /// <summary>True when the cancel changed nothing and why is worth reading.</summary>
    public static bool IsRefusal(string outcome) => outcome is "already-terminal" or "in-flight" or "failed";

    /// <summary>What <paramref name="result"/> means for the operator.</summary>
    public static string Describe(CancelResult result) => result.Outcome switch
    {
        "cancelled-locally" => "cancelled before it was sent: it will never be sent",
        "cancelled" => $"the API cancelled execution {result.ExecutionId}",
        "cancellation-requested" => $"the API accepted the cancel of execution {result.ExecutionId}; the poller records cancelled when it is",
        "already-terminal" => "nothing to cancel: " + (result.Detail ?? "the run had already ended"),
        "in-flight" => "refused: " + (result.Detail ?? "a run request is being sent right now"),
        "failed" => "the API call failed: " + (result.Detail ?? "no reason given"),
        _ => result.Detail ?? result.Outcome,
    };
}
