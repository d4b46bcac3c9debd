namespace Eigenpal.Submissions;

/// <summary>
/// Where a submission stands. The value is stored in <c>eigenpal.submissions.state</c>; the
/// terminal ones mirror the outcome of the submission's latest remote execution.
/// </summary>
public static class SubmissionState
{
    /// <summary>Recorded and waiting to be sent (first time, or again after a 429 or a transient failure).</summary>
    public const string Pending = "pending";

    /// <summary>A run request may be in flight. If its sender died, the attempt is reconciled, never resent blindly.</summary>
    public const string Sending = "sending";

    /// <summary>The API accepted the run; the execution is being tracked until it ends.</summary>
    public const string Running = "running";

    /// <summary>The execution completed; its result is recorded.</summary>
    public const string Completed = "completed";

    /// <summary>The execution failed; its error is recorded.</summary>
    public const string Failed = "failed";

    /// <summary>The execution was cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The execution was rejected by the workflow.</summary>
    public const string Rejected = "rejected";

    /// <summary>The submission could not be submitted (bad input, unknown workflow, forbidden, bad API key); the reason is recorded.</summary>
    public const string Error = "error";

    /// <summary>A run may or may not have been created remotely and reconciliation could not tell; it is not resent automatically.</summary>
    public const string Undetermined = "undetermined";

    /// <summary>
    /// The API accepted the run and later kept answering 404 for its execution (longer than
    /// <c>Eigenpal:Polling:NotFoundTimeout</c>): the execution is gone remotely and no result will
    /// come. The reason says since when; it is not resent automatically.
    /// </summary>
    public const string Vanished = "vanished";

    /// <summary>Every state, in the order a dashboard lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Pending, Sending, Running, Completed, Failed, Cancelled, Rejected, Error, Undetermined, Vanished];

    /// <summary>True for states that no longer change without an operator's action.</summary>
    public static bool IsFinal(string state) =>
        state is Completed or Failed or Cancelled or Rejected or Error or Undetermined or Vanished;
}
