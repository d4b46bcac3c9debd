using Eigenpal.Api;
using Eigenpal.Submissions;

namespace Eigenpal.Executions;

/// <summary>
/// Where one attempt (a row of <c>eigenpal.executions</c>) stands: the remote execution's status
/// once the API has accepted the run, or a local state for an attempt without a remote execution
/// (yet, or ever). Stored by name (<see cref="AttemptStates.Name"/>); every change goes through
/// <see cref="StateChange"/>.
/// </summary>
public enum AttemptState
{
    /// <summary>The run request may be in flight; the attempt row was committed before it left.</summary>
    Sending,

    /// <summary>The API refused the run permanently (400, 401, 403, 404), or it could not be sent after too many failures; no remote execution exists.</summary>
    Refused,

    /// <summary>A complete search of its window long after the send found no possible execution (or an operator said so): a new attempt follows.</summary>
    NotCreated,

    /// <summary>Reconciliation could not tell whether the API created an execution; the candidates are recorded.</summary>
    Undetermined,

    /// <summary>The API answered 404 for the execution for longer than the configured time.</summary>
    Vanished,

    /// <summary>Remote status <c>created</c>.</summary>
    Created,

    /// <summary>Remote status <c>pending</c>.</summary>
    Pending,

    /// <summary>Remote status <c>running</c>.</summary>
    Running,

    /// <summary>Remote status <c>waiting</c>.</summary>
    Waiting,

    /// <summary>Remote status <c>finalizing</c>.</summary>
    Finalizing,

    /// <summary>Remote status <c>completed</c>.</summary>
    Completed,

    /// <summary>Remote status <c>failed</c>.</summary>
    Failed,

    /// <summary>Remote status <c>cancelled</c>.</summary>
    Cancelled,

    /// <summary>Remote status <c>rejected</c>.</summary>
    Rejected,
}

/// <summary>Names, parsing and mapping of <see cref="AttemptState"/>.</summary>
public static class AttemptStates
{
    private static readonly Dictionary<string, AttemptState> ByName =
        Enum.GetValues<AttemptState>().ToDictionary(s => s.Name(), StringComparer.Ordinal);

    /// <summary>The stored name: the remote status's wire name, or <c>sending</c>, <c>refused</c>, <c>not-created</c>, <c>undetermined</c>, <c>vanished</c>.</summary>
    public static string Name(this AttemptState state) => state switch
    {
        AttemptState.Sending => "sending",
        AttemptState.Refused => "refused",
        AttemptState.NotCreated => "not-created",
        AttemptState.Undetermined => "undetermined",
        AttemptState.Vanished => "vanished",
        _ => Remote(state).ToWireName(),
    };

    /// <summary>The state stored as <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Not an attempt state's name.</exception>
    public static AttemptState Parse(string name) =>
        ByName.TryGetValue(name, out var state) ? state : throw new FormatException($"'{name}' is not an attempt state.");

    /// <summary>The attempt state that records a remote status.</summary>
    public static AttemptState From(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Created => AttemptState.Created,
        ExecutionStatus.Pending => AttemptState.Pending,
        ExecutionStatus.Running => AttemptState.Running,
        ExecutionStatus.Waiting => AttemptState.Waiting,
        ExecutionStatus.Finalizing => AttemptState.Finalizing,
        ExecutionStatus.Completed => AttemptState.Completed,
        ExecutionStatus.Failed => AttemptState.Failed,
        ExecutionStatus.Cancelled => AttemptState.Cancelled,
        ExecutionStatus.Rejected => AttemptState.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The submission state that mirrors a remote execution status.</summary>
    public static SubmissionState SubmissionStateFor(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Completed => SubmissionState.Completed,
        ExecutionStatus.Failed => SubmissionState.Failed,
        ExecutionStatus.Cancelled => SubmissionState.Cancelled,
        ExecutionStatus.Rejected => SubmissionState.Rejected,
        _ => SubmissionState.Running,
    };

    private static ExecutionStatus Remote(AttemptState state) => state switch
    {
        AttemptState.Created => ExecutionStatus.Created,
        AttemptState.Pending => ExecutionStatus.Pending,
        AttemptState.Running => ExecutionStatus.Running,
        AttemptState.Waiting => ExecutionStatus.Waiting,
        AttemptState.Finalizing => ExecutionStatus.Finalizing,
        AttemptState.Completed => ExecutionStatus.Completed,
        AttemptState.Failed => ExecutionStatus.Failed,
        AttemptState.Cancelled => ExecutionStatus.Cancelled,
        AttemptState.Rejected => ExecutionStatus.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
