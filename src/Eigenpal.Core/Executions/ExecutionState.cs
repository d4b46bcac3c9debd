using Eigenpal.Api;
using Eigenpal.Submissions;

namespace Eigenpal.Executions;

/// <summary>
/// The values of <c>eigenpal.executions.status</c>: the remote <see cref="ExecutionStatus"/>
/// wire names once the API has accepted the run, plus local states for an attempt that has no
/// remote execution (yet, or ever).
/// </summary>
public static class ExecutionState
{
    /// <summary>The run request may be in flight; the attempt row was committed before it left.</summary>
    public const string Sending = "sending";

    /// <summary>The API refused the run permanently (400, 401, 403, 404); no remote execution exists.</summary>
    public const string Refused = "refused";

    /// <summary>A complete search long after the send found no execution: the request never reached the API; a new attempt follows.</summary>
    public const string NotCreated = "not-created";

    /// <summary>Reconciliation could not tell whether the API created an execution.</summary>
    public const string Undetermined = "undetermined";

    /// <summary>
    /// The API accepted the run, but its get has answered 404 for longer than
    /// <see cref="Polling.PollingOptions.NotFoundTimeout"/>: it no longer knows the execution, so
    /// polling stops. The error column says since when. No result will come, and nothing is resent automatically.
    /// </summary>
    public const string Vanished = "vanished";

    /// <summary>The stored form of a remote status.</summary>
    public static string Of(ExecutionStatus status) => status.ToWireName();

    /// <summary>The submission state that mirrors a remote execution status.</summary>
    public static string SubmissionStateFor(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Completed => SubmissionState.Completed,
        ExecutionStatus.Failed => SubmissionState.Failed,
        ExecutionStatus.Cancelled => SubmissionState.Cancelled,
        ExecutionStatus.Rejected => SubmissionState.Rejected,
        _ => SubmissionState.Running,
    };
}
