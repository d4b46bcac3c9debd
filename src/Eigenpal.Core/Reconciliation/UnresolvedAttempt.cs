namespace Eigenpal.Reconciliation;

/// <summary>
/// An attempt whose run may exist remotely without its id recorded: one being sent right now
/// (<see cref="InFlight"/>), one whose response was lost, or one left undetermined. Any of them may
/// own an execution found in another's window, so each is weighed before anything is adopted.
/// </summary>
/// <param name="AttemptId">The attempt row.</param>
/// <param name="SubmissionId">Its submission.</param>
/// <param name="Attempt">Its number.</param>
/// <param name="Window">Where its run can have been created.</param>
/// <param name="Fingerprint">What it sent.</param>
/// <param name="InFlight">Its request may still be answered (it is being sent and its deadline has not passed).</param>
/// <param name="DeadlineAt">When its request is over, on the database clock.</param>
/// <param name="RerunOf">For an attempt made by a v1 rerun, the run it reruns (its run's <c>execution.retry.previousRunId</c>).</param>
public sealed record UnresolvedAttempt(
    Guid AttemptId, Guid SubmissionId, int Attempt, ReconcileWindow Window, AttemptFingerprint Fingerprint, bool InFlight, DateTimeOffset DeadlineAt,
    string? RerunOf = null);
