using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Polling;
using Eigenpal.RateLimiting;
using Eigenpal.Reconciliation;
using Eigenpal.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Submissions;

/// <summary>
/// Sends one recorded submission to the API, at most once per attempt. The submission is held
/// by a session advisory lock for the whole send (released by PostgreSQL if this process dies).
/// The rate-limit slot is taken first, then the attempt row — with the window in which its run
/// can be created — is committed, and only then does the request leave, so a run whose response
/// is lost is reconciled afterwards instead of being sent again. Jobs may call this any number of
/// times for the same submission: the row, locked and checked, decides.
/// </summary>
public sealed partial class SubmissionSender(
    NpgsqlDataSource dataSource,
    EigenpalClient client,
    FleetRateLimiter limiter,
    IOptions<SenderOptions> options,
    IOptions<PollingOptions> pollingOptions,
    WorkerIdentity identity,
    TimeProvider time,
    ILogger<SubmissionSender> logger)
{
    private const string LimiterUnavailable = "rate-limiter-unavailable";
    private const string NotSentLocally = "not-sent";
    private const string ApiUnreachable = "api-unreachable";
    private const string NotCreatedKind = "not-created";

    private readonly LostRunReconciler _reconciler = new(client, options, time, logger);

    /// <summary>Sends the submission if it is due and not sent yet; reconciles it if a previous send was cut short.</summary>
    public async Task<SendOutcome> SendAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await SubmissionSendStore.TryLockAsync(connection, submissionId, cancellationToken))
        {
            return SendOutcome.Busy;
        }

        try
        {
            var submission = await SubmissionSendStore.LoadAsync(connection, submissionId, cancellationToken);
            return submission switch
            {
                null => SendOutcome.AlreadyHandled,
                { State: SubmissionState.Sending, CurrentAttempt: { Status: AttemptState.Sending } attempt } =>
                    await ReconcileAsync(connection, submission, attempt, cancellationToken),
                { State: SubmissionState.Pending, Due: false } => SendOutcome.Deferred,
                { State: SubmissionState.Pending } => await SendNewAttemptAsync(connection, submission, cancellationToken),
                _ => SendOutcome.AlreadyHandled,
            };
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await SubmissionSendStore.UnlockAsync(connection, submissionId);
            }
        }
    }

    private async Task<SendOutcome> SendNewAttemptAsync(NpgsqlConnection connection, SubmissionToSend submission, CancellationToken ct)
    {
        var files = await SubmissionSendStore.LoadFilesAsync(connection, submission.Id, ct);
        var request = new RunRequest { Input = BuildInput(submission, files), Version = submission.Version, Trigger = RunTrigger.Api };

        // The wait for a slot (and any fleet pause) happens before the attempt exists, so it never
        // counts against the request's timeout and the attempt's window starts when the request leaves.
        try
        {
            await limiter.AcquireAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing left: counted, retried after a doubling delay (a database restart of a few seconds never
            // reaches the limit), and after MaxSendFailures in a row the submission ends in error with the reason.
            return await CountFailureAsync(connection, submission, attempt: null, LimiterUnavailable, "the shared rate limit could not be read: " + ex.Message, ct);
        }

        var settings = options.Value;
        var window = ReconcileWindow.ForRequest(time.GetUtcNow(), client.RequestTimeout, client.Clock.Offset, settings.ReconcileClockSkew, settings.UnmeasuredClockSkew);
        // The deadline has the window's margin too: a refused connection is retried by the client
        // (the request never left), so the try that does leave may start a few seconds late.
        var attempt = await SubmissionSendStore.BeginAttemptAsync(
            connection, submission, settings.ReconcileAfter, window, client.RequestTimeout + settings.ReconcileClockSkew, ct);
        if (attempt is null)
        {
            return SendOutcome.AlreadyHandled;
        }

        try
        {
            RunResponse response;
            using (ReservedSlot.Use())
            {
                response = await client.Workflows.RunAsync(submission.Workflow, request, ct);
            }

            return await RecordAcceptedRunAsync(connection, submission, attempt, response);
        }
        catch (EigenpalRateLimitException ex)
        {
            // A 429 never created anything: the attempt is forgotten and the submission waits out Retry-After.
            var wait = ex.RetryAfter ?? settings.TransientRetryDelay;
            NoteIfAlreadyDecided(attempt, await SubmissionSendStore.RecordNotSentAsync(
                connection, submission.Id, attempt, wait, "rate limited (429)", failureKind: null, CancellationToken.None));
            return SendOutcome.Deferred;
        }
        catch (EigenpalTransportException ex) when (!ex.IsTimeout)
        {
            // The client raises this for a run only when the request provably never left (refused, no such host):
            // an outage, which delays the submission with a growing backoff but never ends it.
            return await CountFailureAsync(connection, submission, attempt, ApiUnreachable, "API unreachable: " + ex.Message, CancellationToken.None, canEnd: false);
        }
        catch (EigenpalNotSentException ex)
        {
            // Nothing left (a body that cannot be encoded, the rate limiter's database unreachable): counted by kind,
            // retried after a doubling delay, and after MaxSendFailures of one kind in a row the submission ends in error.
            var limiter = ex.InnerException is NpgsqlException or TimeoutException or InvalidOperationException;
            return await CountFailureAsync(connection, submission, attempt, limiter ? LimiterUnavailable : NotSentLocally, ex.Message, CancellationToken.None);
        }
        catch (EigenpalException ex) when (ex is EigenpalValidationException or EigenpalAuthenticationException
                                               or EigenpalForbiddenException or EigenpalNotFoundException or EigenpalConfigurationException)
        {
            return await RefuseAsync(connection, submission, attempt, ex);
        }
        catch (Exception ex) when (ex is EigenpalOutcomeUnknownException or EigenpalServerException or EigenpalTransportException or HttpRequestException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The request may have reached the API: find out instead of sending it again.
            LogOutcomeUnknown(logger, submission.Id, submission.Workflow, ex.GetType().Name);
            await SubmissionSendStore.MarkRequestOverAsync(connection, attempt.Id, CancellationToken.None);
            return await ReconcileAsync(connection, submission, attempt, ct);
        }
        catch (EigenpalException ex)
        {
            // Any other answer (unexpected status, not the Eigenpal API at that URL) created no run we could know of.
            return await RefuseAsync(connection, submission, attempt, ex);
        }
    }

    /// <summary>
    /// The API has accepted the run: record it even if shutdown has begun meanwhile. If the write
    /// fails (the connection dropped), it is tried again on a fresh connection — the guard makes that
    /// safe — so the id is not left to be rediscovered. An id another attempt already holds means that
    /// attempt adopted this run by mistake: the submission is undetermined, naming it.
    /// </summary>
    private async Task<SendOutcome> RecordAcceptedRunAsync(NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt attempt, RunResponse response)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            try
            {
                var recorded = await SubmissionSendStore.RecordAcceptedAsync(
                    connection, submission.Id, attempt, response.ExecutionId, response.Status ?? ExecutionStatus.Created, response.Result, response.Error,
                    remoteCreatedAt: null, pollingOptions.Value.MinInterval, identity.Name, "run accepted", CancellationToken.None);
                if (!recorded)
                {
                    LogLateAnswer(logger, submission.Id, attempt.Attempt, response.ExecutionId);
                    return SendOutcome.AlreadyHandled;
                }

                LogSubmitted(logger, submission.Id, attempt.Attempt, submission.Workflow, response.ExecutionId);
                return SendOutcome.Sent;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await UndeterminedAsync(connection, submission, attempt, [response.ExecutionId],
                    $"the API answered with execution {response.ExecutionId}, which another attempt already holds", CancellationToken.None);
                return SendOutcome.Undetermined;
            }
            catch (NpgsqlException ex) when (tryNumber < 3 && ex is not PostgresException)
            {
                LogRecordRetry(logger, submission.Id, response.ExecutionId, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(tryNumber), time, CancellationToken.None);
                await connection.DisposeAsync();
                connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            }
        }
    }

    private async Task<SendOutcome> RefuseAsync(NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt attempt, EigenpalException ex)
    {
        var reason = RefusalReason(ex);
        NoteIfAlreadyDecided(attempt, await SubmissionSendStore.RecordWithoutExecutionAsync(
            connection, submission.Id, attempt, AttemptState.Refused, SubmissionState.Error, reason, ex.RequestId, identity.Name, CancellationToken.None));
        LogRefused(logger, submission.Id, submission.Workflow, reason);
        return SendOutcome.Refused;
    }

    /// <summary>
    /// A failure before the request left: nothing was created, so the submission is tried again
    /// after a growing delay; after <see cref="SenderOptions.MaxSendFailures"/> failures of the same
    /// kind in a row it ends in error with the reason, so the loop has an end.
    /// </summary>
    private async Task<SendOutcome> CountFailureAsync(
        NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt? attempt, string kind, string reason, CancellationToken ct, bool canEnd = true)
    {
        var settings = options.Value;
        var failures = submission.LastSendFailure == kind ? submission.SendFailures + 1 : 1;
        var delay = settings.Backoff(settings.TransientRetryDelay, failures);
        LogNotSent(logger, submission.Id, failures, settings.MaxSendFailures, reason);
        if (attempt is not null)
        {
            NoteIfAlreadyDecided(attempt, await SubmissionSendStore.RecordNotSentAsync(connection, submission.Id, attempt, delay, "not sent: " + reason, kind, ct));
        }
        else
        {
            await SubmissionSendStore.CountFailureBeforeAttemptAsync(connection, submission.Id, submission.Attempt, delay, "not sent: " + reason, kind, ct);
        }

        if (!canEnd || failures < settings.MaxSendFailures)
        {
            return SendOutcome.Deferred;
        }

        await SubmissionSendStore.EndPendingInErrorAsync(
            connection, submission.Id, submission.Attempt, $"not sent after {failures} failures in a row: {reason}", ct);
        return SendOutcome.Refused;
    }

    private async Task<SendOutcome> ReconcileAsync(NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt attempt, CancellationToken ct)
    {
        var settings = options.Value;
        ReconcileOutcome pass;
        try
        {
            pass = await _reconciler.ReconcileAsync(connection, submission.Workflow, attempt.Id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Whatever keeps failing (an echo that cannot be read, the database), the pass is counted
            // and backed off like an incomplete listing, and ends undetermined after MaxReconcileDuration.
            pass = new ReconcileOutcome(
                new ReconcileVerdict.Wait($"reconciliation failed: {ex.GetType().Name}: {ex.Message}", Incomplete: true),
                await ReconcilingForAsync(connection, attempt.Id, ct), TimeSpan.Zero, 0);
        }

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

    private bool NoteIfAlreadyDecided(SendingAttempt attempt, bool recorded)
    {
        if (!recorded)
        {
            // Another sender (one that took over after this one lost its lock) has decided this attempt already.
            LogAlreadyDecided(logger, attempt.Id, attempt.Attempt);
        }

        return recorded;
    }

    private static Dictionary<string, object?> BuildInput(SubmissionToSend submission, IReadOnlyList<SubmissionFile> files)
    {
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in submission.Input)
        {
            input[name] = value?.DeepClone();
        }

        foreach (var file in files)
        {
            input[file.InputName] = RunFile.FromBytes(file.Content, file.FileName, file.ContentType);
        }

        return input;
    }

    private static string Describe(Evidence evidence) => evidence switch
    {
        Evidence.Proves => "its echo proves it: same content",
        Evidence.NearlyProves => "same file name and size, the only such execution",
        Evidence.Suggests => "same file name, the only such execution",
        _ => "the only unclaimed execution in its window, for the only unresolved attempt",
    };

    private static string RefusalReason(EigenpalException ex) =>
        ex.RequestId is { } requestId ? $"{ex.StatusCode} {ex.Message} (request {requestId})" : $"{ex.StatusCode} {ex.Message}";

    [LoggerMessage(EventId = 210, EventName = "Submitted", Level = LogLevel.Information,
        Message = "Submission {SubmissionId} attempt {Attempt} sent to {Workflow}: execution {ExecutionId}")]
    private static partial void LogSubmitted(ILogger logger, Guid submissionId, int attempt, string workflow, string executionId);

    [LoggerMessage(EventId = 211, EventName = "Refused", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId} refused by {Workflow}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid submissionId, string workflow, string reason);

    [LoggerMessage(EventId = 212, EventName = "OutcomeUnknown", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId}: the run request to {Workflow} may have reached the API ({Failure}); reconciling")]
    private static partial void LogOutcomeUnknown(ILogger logger, Guid submissionId, string workflow, string failure);

    [LoggerMessage(EventId = 213, EventName = "Reconciled", Level = LogLevel.Information,
        Message = "Submission {SubmissionId} attempt {Attempt} reconciled to execution {ExecutionId} (evidence {Evidence})")]
    private static partial void LogReconciled(ILogger logger, Guid submissionId, int attempt, string executionId, Evidence evidence);

    [LoggerMessage(EventId = 214, EventName = "Undetermined", Level = LogLevel.Error,
        Message = "Submission {SubmissionId} attempt {Attempt} is undetermined ({Why}); it is not resent automatically")]
    private static partial void LogUndetermined(ILogger logger, Guid submissionId, int attempt, string why);

    [LoggerMessage(EventId = 215, EventName = "ReconcileWaiting", Level = LogLevel.Information,
        Message = "Submission {SubmissionId} attempt {Attempt} cannot be decided yet ({Reason}); looking again in {DelaySeconds:0.#} s")]
    private static partial void LogAwaiting(ILogger logger, Guid submissionId, int attempt, string reason, double delaySeconds);

    [LoggerMessage(EventId = 216, EventName = "NotCreated", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId} attempt {Attempt} never reached the API (no possible execution after the settle time); it will be sent again as a new attempt")]
    private static partial void LogNotCreated(ILogger logger, Guid submissionId, int attempt);

    [LoggerMessage(EventId = 217, EventName = "NotSent", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId} was not sent (failure {Failures} of at most {MaxFailures}): {Reason}")]
    private static partial void LogNotSent(ILogger logger, Guid submissionId, int failures, int maxFailures, string reason);

    [LoggerMessage(EventId = 219, EventName = "LateAnswer", Level = LogLevel.Error,
        Message = "Submission {SubmissionId} attempt {Attempt}: the API answered with execution {ExecutionId} after another sender had decided the attempt; check that execution")]
    private static partial void LogLateAnswer(ILogger logger, Guid submissionId, int attempt, string executionId);

    [LoggerMessage(EventId = 221, EventName = "RecordRetry", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId}: recording execution {ExecutionId} failed ({Error}); trying again on a new connection")]
    private static partial void LogRecordRetry(ILogger logger, Guid submissionId, string executionId, string error);

    [LoggerMessage(EventId = 218, EventName = "AttemptAlreadyDecided", Level = LogLevel.Warning,
        Message = "Attempt {AttemptId} (number {Attempt}) was already decided by another sender; this sender's outcome is dropped")]
    private static partial void LogAlreadyDecided(ILogger logger, Guid attemptId, int attempt);
}
