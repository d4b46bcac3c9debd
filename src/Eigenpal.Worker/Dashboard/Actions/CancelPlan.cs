using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;

namespace Eigenpal.Worker.Dashboard.Actions;

/// <summary>
/// What cancelling a submission will do, said before it is done: the confirm page shows it, and the
/// buttons are offered only where it can do something. It mirrors <see cref="Executions.ExecutionCanceller"/>'s rules.
/// </summary>
/// <param name="CanCancel">True when a cancel can change something.</param>
/// <param name="WhatHappens">The consequence in words.</param>
public sealed record CancelPlan(bool CanCancel, string WhatHappens)
{
    /// <summary>The plan for <paramref name="submission"/> in its current state.</summary>
    public static CancelPlan For(SubmissionSummary submission) => SubmissionStates.TryParse(submission.State, out var state) ? state switch
    {
        SubmissionState.Pending => new(true, "It has not been sent yet: it is cancelled here and will never be sent."),
        SubmissionState.Sending => new(true, "A run request is being sent right now: the cancel is refused until the API has answered; try again in a moment."),
        SubmissionState.Running when submission.RemoteId is { } remote => new(true,
            $"The API is asked to cancel execution {remote}. The submission becomes cancelled when the API confirms it, at once or on the next poll; a run that finishes first keeps its result."),
        SubmissionState.Undetermined => new(false, "It is undetermined: nobody knows yet whether its run exists. Settle it first."),
        _ => new(false, $"It is {submission.State}: there is nothing to cancel."),
    } : new(false, $"It is {submission.State}: this version does not know that state.");
}
