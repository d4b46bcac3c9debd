using Eigenpal.Executions;
using Eigenpal.Reconciliation;
using Npgsql;

namespace Eigenpal.Submissions;

/// <summary>
/// The sender's second half: settling an attempt whose response was lost, from the verdict of
/// <see cref="LostRunReconciler"/> — adopt, send again, wait (with backoff, within
/// <see cref="SenderOptions.MaxReconcileDuration"/>) or leave it undetermined for an operator.
/// </summary>
public sealed partial class SubmissionSender
{
    private async Task<SendOutcome> ReconcileAsync(NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt attempt, CancellationToken ct)
    {
        var settings = options.Value;
        ReconcileOutcome pass;
        try
        {
            pass = await _reconciler.ReconcileAsync(connection, surfaces.For(attempt.Surface), submission.Workflow, attempt.Id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Whatever keeps failing (an echo that cannot be read, the database), the pass is counted
            // and backed off like an incomplete listing, and ends undetermined after MaxReconcileDuration.
            pass = new ReconcileOutcome(
                new ReconcileVerdict.Wait($"reconciliation failed: {ex.GetType().Name}: {ex.Message}", Incomplete: true),
                await ReconcilingForAsync(connection, attempt.Id, ct), TimeSpan.Zero, 0);
        }

        Telemetry.EigenpalMetrics.Reconciled(pass.Verdict switch
        {
            ReconcileVerdict.Adopt => "adopted",
            ReconcileVerdict.NotCreated => "not_created",
            ReconcileVerdict.Undetermined => "undetermined",
            ReconcileVerdict.Wait when pass.Reconciling >= settings.MaxReconcileDuration => "undetermined",
            _ => "waiting",
        });
        switch (pass.Verdict)
        {
            case ReconcileVerdict.Adopt(var found, var evidence):
                try
                {
                    NoteIfAlreadyDecided(attempt, await SubmissionSendStore.RecordAcceptedAsync(
                        connection, submission.Id, attempt, found.Id, found.Status, found.Result, found.Error, found.CreatedAt,
                        pollingOptions.Value.MinInterval, identity.Name, $"reconciled: run found by listing the workflow's executions ({Describe(evidence)})", CancellationToken.None));
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    // Another attempt recorded that execution between the listing and now: look again.
                    await SubmissionSendStore.RelayAgainAfterAsync(connection, submission.Id, settings.ReconcileRetryDelay, ct);
                    return SendOutcome.AwaitingReconciliation;
                }

                LogReconciled(logger, submission.Id, attempt.Attempt, found.Id, evidence);
                return SendOutcome.Reconciled;

            case ReconcileVerdict.NotCreated:
                // Long after any request of this attempt could have been processed, a complete listing of
                // its window shows nothing that could be its run: sending again is a decision backed by evidence.
                // Runs that never get created time after time (a gateway that fails every upload) end in error.
                var notCreatedInARow = submission.LastSendFailure == NotCreatedKind ? submission.SendFailures + 1 : 1;
                var notCreated = $"no execution that could be attempt {attempt.Attempt}'s run exists in its window {settings.UnknownOutcomeSettleTime.TotalSeconds:0} s after its request ended: the request never reached the API";
                var ends = notCreatedInARow >= settings.MaxSendFailures;
                NoteIfAlreadyDecided(attempt, await SubmissionSendStore.RecordWithoutExecutionAsync(
                    connection, submission.Id, attempt, AttemptState.NotCreated, ends ? SubmissionState.Error : SubmissionState.Pending,
                    ends ? $"{notCreated}; {notCreatedInARow} run requests in a row were never created, not sent again" : notCreated,
                    null, identity.Name, ct, failureKind: NotCreatedKind));
                LogNotCreated(logger, submission.Id, attempt.Attempt);
                return ends ? SendOutcome.Refused : SendOutcome.Deferred;

            case ReconcileVerdict.Undetermined(var candidates, var why):
                return await UndeterminedAsync(connection, submission, attempt, candidates, why, ct);

            case ReconcileVerdict.Wait wait when pass.Reconciling >= settings.MaxReconcileDuration:
                return await UndeterminedAsync(connection, submission, attempt, wait.Candidates,
                    $"reconciliation could not decide for {settings.MaxReconcileDuration.TotalMinutes:0} min ({wait.Reason})", ct);

            case ReconcileVerdict.Wait wait:
                var delay = wait.Incomplete
                    ? settings.Backoff(settings.ReconcileRetryDelay, await ReconciliationStore.CountFailedPassAsync(connection, attempt.Id, ct))
                    : NextLook(pass.SinceRequestOver);
                await SubmissionSendStore.RelayAgainAfterAsync(connection, submission.Id, delay, ct);
                LogAwaiting(logger, submission.Id, attempt.Attempt, wait.Reason, delay.TotalSeconds);
                return SendOutcome.AwaitingReconciliation;

            default:
                throw new InvalidOperationException($"Unknown verdict {pass.Verdict}.");
        }
    }

    // Before the settle time ends, look again exactly when it does; after it (another attempt still
    // being answered), look again shortly.
    private TimeSpan NextLook(TimeSpan sinceRequestOver)
    {
        var settle = options.Value.UnknownOutcomeSettleTime;
        return sinceRequestOver < settle ? settle - sinceRequestOver : options.Value.ReconcileRetryDelay;
    }

    private async Task<SendOutcome> UndeterminedAsync(
        NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt attempt, IReadOnlyList<string> candidates, string why, CancellationToken ct)
    {
        var named = candidates.Count == 0 ? "no candidate execution" : "candidates: " + string.Join(", ", candidates);
        var reason = $"the run request of attempt {attempt.Attempt} may have reached the API, but reconciliation cannot tell: {why} ({named}); not resent automatically — settle it with `eigenpal resolve`";
        NoteIfAlreadyDecided(attempt, await SubmissionSendStore.RecordWithoutExecutionAsync(
            connection, submission.Id, attempt, AttemptState.Undetermined, SubmissionState.Undetermined, reason, null, identity.Name, ct, candidates));
        LogUndetermined(logger, submission.Id, attempt.Attempt, why);
        return SendOutcome.Undetermined;
    }

    private static async Task<TimeSpan> ReconcilingForAsync(NpgsqlConnection connection, Guid attemptId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT now() - COALESCE(reconcile_since, now()) FROM eigenpal.executions WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", attemptId);
        return await command.ExecuteScalarAsync(ct) is TimeSpan reconciling ? reconciling : TimeSpan.Zero;
    }

    private static string Describe(Evidence evidence) => evidence switch
    {
        Evidence.Named => "its run metadata (or, for a rerun, its retry chain) names this attempt",
        Evidence.Proves => "its echo proves it: same content",
        Evidence.NearlyProves => "same file name and size, the only such execution",
        Evidence.Suggests => "same file name, the only such execution",
        _ => "the only unclaimed execution in its window, for the only unresolved attempt",
    };
}
