using Eigenpal.Executions;
using Eigenpal.Submissions;
using Npgsql;

namespace Eigenpal.Reprocessing;

/// <summary>
/// "Resubmit now" for one failed submission (the dashboard's action): the submission is judged by the same
/// <see cref="ReprocessPolicy"/> a reprocess run uses and moved back to pending through the same guarded door
/// (<see cref="StateChange.ReopenFailedAsync"/>), so it gets at most one new attempt even when a reprocess run
/// or another operator acts at the same moment. One rule is relaxed on purpose: the minimum age
/// (<see cref="ReprocessOptions.MinAge"/>) is there to let a provider outage pass before a run guesses, and an
/// operator asking for a resubmission now has decided that. Everything else a run refuses is refused here, with its reason.
/// </summary>
public sealed class FailedResubmitter(ReprocessPolicy policy)
{
    /// <summary>
    /// Resubmits <paramref name="submissionId"/> on <paramref name="connection"/>, in the caller's transaction when
    /// one is open there (so the caller's own record of the action commits with it, or not at all).
    /// </summary>
    /// <param name="connection">An open connection; the submission row is locked until its transaction ends.</param>
    /// <param name="submissionId">The failed submission.</param>
    /// <param name="requestedBy">Who asked: it becomes part of the next attempt's <c>made_because</c>.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public async Task<ResubmitResult> ResubmitAsync(NpgsqlConnection connection, Guid submissionId, string requestedBy, CancellationToken cancellationToken = default)
    {
        var (candidate, now) = await ReprocessStore.ReadOneAsync(connection, submissionId, cancellationToken);
        if (candidate is null)
        {
            throw new KeyNotFoundException($"No submission {submissionId}.");
        }

        if (candidate.State is not (SubmissionState.Failed or SubmissionState.Rejected or SubmissionState.Cancelled or SubmissionState.Error))
        {
            return ResubmitResult.Refused(submissionId, null,
                $"it is {candidate.State.Name()}: only a failed submission can be resubmitted");
        }

        var skip = policy.Judge(candidate, now);
        if (skip is { } reason and not SkipReason.TooRecent)
        {
            return ResubmitResult.Refused(submissionId, reason, Why(candidate, reason));
        }

        var because = $"resubmitted now by {requestedBy}: attempt {candidate.Attempt} failed" +
                      (candidate.FailureCategory is { } category ? $" ({category})" : "");
        var moved = await StateChange.ReopenFailedAsync(
            connection, [new Reopening(submissionId, candidate.Attempt, now, candidate.FilesPurged, because)], cancellationToken);
        return moved.Count == 1
            ? new ResubmitResult(submissionId, true, null, $"attempt {candidate.Attempt + 1} will be sent shortly")
            : ResubmitResult.Refused(submissionId, SkipReason.TakenMeanwhile, "a reprocess run or another operator changed it first, or its files were purged meanwhile");
    }

    private string Why(FailedCandidate candidate, SkipReason reason) => reason switch
    {
        SkipReason.NotRetryable => "it is not retryable: " + policy.Retryability(candidate.Workflow, candidate.Retryable, candidate.FailureCategory, candidate.Error).Why,
        SkipReason.MaxAttempts => $"it has had {candidate.Attempt} attempt(s), as many as {candidate.Workflow} allows ({policy.MaxAttempts(candidate.Workflow)})",
        SkipReason.InputsPurged => "its stored files were purged by the retention, and no v1 run is there to rerun",
        SkipReason.InputsNotStored => "its inputs were never stored here: " + candidate.InputsMissing,
        SkipReason.Rejected => "the workflow rejected it: running it again gives the same answer",
        SkipReason.Cancelled => "it was cancelled: submit it again if it should run",
        SkipReason.Error => $"it could not be submitted ({candidate.Error ?? "no reason recorded"}): fix the cause and submit it again",
        _ => reason.Name(),
    };
}

/// <summary>What "resubmit now" did.</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Resubmitted">True when it is pending again, its next attempt on its way.</param>
/// <param name="RefusedBecause">The reprocess rule that refused it, when one did (null for a submission that is not failed).</param>
/// <param name="Detail">What happens next, or why nothing does, in words.</param>
public sealed record ResubmitResult(Guid SubmissionId, bool Resubmitted, SkipReason? RefusedBecause, string Detail)
{
    /// <summary>A refusal, with its reason.</summary>
    public static ResubmitResult Refused(Guid submissionId, SkipReason? reason, string why) => new(submissionId, false, reason, why);
}
