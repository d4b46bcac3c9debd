namespace Eigenpal.Submissions;

/// <summary>
/// Where a submission stands, stored by name (<see cref="SubmissionStates.Name"/>) in
/// <c>eigenpal.submissions.state</c>. The terminal ones mirror the outcome of its latest attempt.
/// Every change goes through <see cref="Executions.StateChange"/>.
/// </summary>
public enum SubmissionState
{
    /// <summary>Recorded and waiting to be sent (first time, or again after a 429, a failure before sending or a run proven never created).</summary>
    Pending,

    /// <summary>A run request may be in flight. If its sender died, the attempt is reconciled, never resent blindly.</summary>
    Sending,

    /// <summary>The API accepted the run; the execution is being tracked until it ends.</summary>
    Running,

    /// <summary>The execution completed; its result is recorded.</summary>
    Completed,

    /// <summary>The execution failed; its error is recorded.</summary>
    Failed,

    /// <summary>The execution was cancelled (or the submission before it was sent).</summary>
    Cancelled,

    /// <summary>The execution was rejected by the workflow.</summary>
    Rejected,

    /// <summary>The submission could not be submitted (bad input, unknown workflow, forbidden, bad API key, too many failures before sending); the reason is recorded.</summary>
    Error,

    /// <summary>A run may or may not have been created remotely and reconciliation could not tell; it names its candidates and waits for <c>eigenpal resolve</c>.</summary>
    Undetermined,

    /// <summary>The API has answered 404 for the execution for longer than <c>Polling:NotFoundTimeout</c>: it no longer knows it.</summary>
    Vanished,
}

/// <summary>Names, parsing and classification of <see cref="SubmissionState"/>.</summary>
public static class SubmissionStates
{
    private static readonly Dictionary<string, SubmissionState> ByName =
        Enum.GetValues<SubmissionState>().ToDictionary(s => s.Name(), StringComparer.Ordinal);

    /// <summary>Every state, in the order a dashboard lists them.</summary>
    public static IReadOnlyList<SubmissionState> All { get; } = Enum.GetValues<SubmissionState>();

    /// <summary>Every state's stored name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. Enum.GetValues<SubmissionState>().Select(s => s.Name())];

    /// <summary>The stored (and displayed) name: <c>pending</c>, <c>sending</c>, …</summary>
    public static string Name(this SubmissionState state) => state switch
    {
        SubmissionState.Pending => "pending",
        SubmissionState.Sending => "sending",
        SubmissionState.Running => "running",
        SubmissionState.Completed => "completed",
        SubmissionState.Failed => "failed",
        SubmissionState.Cancelled => "cancelled",
        SubmissionState.Rejected => "rejected",
        SubmissionState.Error => "error",
        SubmissionState.Undetermined => "undetermined",
        SubmissionState.Vanished => "vanished",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The state stored as <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Not a state's name.</exception>
    public static SubmissionState Parse(string name) =>
        TryParse(name, out var state) ? state : throw new FormatException($"'{name}' is not a submission state ({string.Join(", ", AllNames)}).");

    /// <summary>Reads a stored name.</summary>
    public static bool TryParse(string? name, out SubmissionState state) => ByName.TryGetValue(name ?? "", out state);

    /// <summary>True for states that no longer change without an operator's action.</summary>
    public static bool IsFinal(this SubmissionState state) =>
        state is SubmissionState.Completed or SubmissionState.Failed or SubmissionState.Cancelled or SubmissionState.Rejected
            or SubmissionState.Error or SubmissionState.Undetermined or SubmissionState.Vanished;

    /// <summary>True when <paramref name="name"/> is the name of a final state.</summary>
    public static bool IsFinal(string name) => TryParse(name, out var state) && state.IsFinal();
}
