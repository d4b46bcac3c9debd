namespace Eigenpal.Submissions;

/// <summary>What one call of <see cref="SubmissionSender.SendAsync"/> did.</summary>
public enum SendOutcome
{
    /// <summary>The API accepted the run and its execution id is committed.</summary>
    Sent,

    /// <summary>Nothing to do: the submission was already sent or has ended.</summary>
    AlreadyHandled,

    /// <summary>Another worker holds the submission right now.</summary>
    Busy,

    /// <summary>Not due yet (after a 429 or a transient failure); the relay brings it back when it is.</summary>
    Deferred,

    /// <summary>The API refused the run permanently; the submission is in the error state with the reason.</summary>
    Refused,

    /// <summary>A run whose response was lost was found remotely and adopted.</summary>
    Reconciled,

    /// <summary>Reconciliation could not find the run yet; it is tried again later, never resent blindly.</summary>
    AwaitingReconciliation,

    /// <summary>Reconciliation gave up: the submission is marked undetermined.</summary>
    Undetermined,
}
