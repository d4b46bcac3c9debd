using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Polling;
using Eigenpal.RateLimiting;
using Eigenpal.Reconciliation;
using Eigenpal.Storage;
using Eigenpal.Surfaces;
using Eigenpal.Telemetry;
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
/// times for the same submission: the row, locked and checked, decides. The attempt records the
/// surface it is sent on (<see cref="RunSurfaces"/>); on v1 its files are uploaded once beforehand
/// and the start carries metadata naming the attempt.
/// </summary>
public sealed partial class SubmissionSender(
    NpgsqlDataSource dataSource,
    RunSurfaces surfaces,
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
    private const string UploadFailed = "upload-failed";
    private const string SurfaceUnknown = "api-surface-unknown";

    private readonly EigenpalClient _client = surfaces.Client;
    private readonly LostRunReconciler _reconciler = new(surfaces.Client, options);

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
            using var span = EigenpalTracing.StartForSubmission("eigenpal.send", submission?.TraceParent, submissionId);
            span?.SetTag("eigenpal.workflow", submission?.Workflow);
            var outcome = submission switch
            {
                null => SendOutcome.AlreadyHandled,
                { State: SubmissionState.Sending, CurrentAttempt: { Status: AttemptState.Sending } attempt } =>
                    await ReconcileAsync(connection, submission, attempt, cancellationToken),
                { State: SubmissionState.Pending, Due: false } => SendOutcome.Deferred,
                { State: SubmissionState.Pending } => await SendNewAttemptAsync(connection, submission, cancellationToken),
                _ => SendOutcome.AlreadyHandled,
            };
            span?.SetTag("eigenpal.send.outcome", outcome.ToString());
            return outcome;
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
        var (files, purged) = await SubmissionSendStore.LoadFilesAsync(connection, submission.Id, ct);
        IRunSurface surface;
        try
        {
            surface = await surfaces.CurrentAsync(ct);
        }
        catch (EigenpalException ex) when (ex is EigenpalConfigurationException or EigenpalTransportException)
        {
            // The service did not say which surface it speaks (unreachable at start): nothing left; like an outage, only delayed.
            return await CountFailureAsync(connection, submission, attempt: null, SurfaceUnknown, ex.Message, ct, canEnd: false);
        }

        // Once a submission has run, its files' bytes may have been purged (issue 9): only a v1 rerun of
        // its earlier run, from the inputs the service stored, can then start it again.
        string? rerunOf = null;
        if (purged.Count > 0)
        {
            rerunOf = surface.Kind == ApiSurface.V1 ? await SubmissionSendStore.V1RunToRerunAsync(connection, submission.Id, ct) : null;
            if (rerunOf is null)
            {
                var why = Retention.PurgedFile.CannotResendReason(purged) +
                    (surface.Kind == ApiSurface.V1 ? " (no earlier run of it on v1 to rerun)" : " (only a v1 rerun of an earlier v1 run could)");
                await SubmissionSendStore.EndPendingInErrorAsync(connection, submission.Id, submission.Attempt, why, ct);
                LogRefused(logger, submission.Id, submission.Workflow, why);
                return SendOutcome.Refused;
            }
        }

        IReadOnlyDictionary<string, string> uploaded = new Dictionary<string, string>();
        if (surface.Kind == ApiSurface.V1 && files.Count > 0 && rerunOf is null)
        {
            // Uploads are idempotent by key, so they come before the attempt: a lost answer is simply asked again.
            try
            {
                uploaded = await V1FileUploads.EnsureUploadedAsync(connection, surfaces.V1.Client.Files, submission.Id, files, time.GetUtcNow(), ct);
            }
            catch (EigenpalException ex) when (ex is EigenpalValidationException or EigenpalForbiddenException or EigenpalAuthenticationException
                                                   or EigenpalNotFoundException || ex.StatusCode == 413)
            {
                var refused = "the file upload was refused: " + RefusalReason(ex);
                await SubmissionSendStore.EndPendingInErrorAsync(connection, submission.Id, submission.Attempt, refused, ct);
                LogRefused(logger, submission.Id, submission.Workflow, refused);
                return SendOutcome.Refused;
            }
            catch (Exception ex) when (ex is EigenpalException or HttpRequestException && !ct.IsCancellationRequested)
            {
                return await CountFailureAsync(connection, submission, attempt: null, UploadFailed, "uploading its file failed: " + ex.Message, ct);
            }
        }

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
        var window = ReconcileWindow.ForRequest(time.GetUtcNow(), _client.RequestTimeout, _client.Clock.Offset, settings.ReconcileClockSkew, settings.UnmeasuredClockSkew);
        // The deadline has the window's margin too: a refused connection is retried by the client
        // (the request never left), so the try that does leave may start a few seconds late.
        var attempt = await SubmissionSendStore.BeginAttemptAsync(
            connection, submission, surface.Kind, rerunOf, settings.ReconcileAfter, window, _client.RequestTimeout + settings.ReconcileClockSkew, ct);
        if (attempt is null)
        {
            return SendOutcome.AlreadyHandled;
        }

        var run = new RunToStart(
            submission.Workflow, submission.Version, submission.Input, files, uploaded, new RunMetadata(submission.Id, attempt.Id, attempt.Attempt), rerunOf);
        try
        {
            StartedRun response;
            using (ReservedSlot.Use())
            {
                response = await surface.StartAsync(run, ct);
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
    private async Task<SendOutcome> RecordAcceptedRunAsync(NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt attempt, StartedRun response)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            try
            {
                var recorded = await SubmissionSendStore.RecordAcceptedAsync(
                    connection, submission.Id, attempt, response.RemoteId, response.Status ?? ExecutionStatus.Created, response.Result, response.Error,
                    remoteCreatedAt: null, pollingOptions.Value.MinInterval, identity.Name, "run accepted", CancellationToken.None);
                if (!recorded)
                {
                    LogLateAnswer(logger, submission.Id, attempt.Attempt, response.RemoteId);
                    return SendOutcome.AlreadyHandled;
                }

                LogSubmitted(logger, submission.Id, attempt.Attempt, submission.Workflow, response.RemoteId);
                return SendOutcome.Sent;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await UndeterminedAsync(connection, submission, attempt, [response.RemoteId],
                    $"the API answered with execution {response.RemoteId}, which another attempt already holds", CancellationToken.None);
                return SendOutcome.Undetermined;
            }
            catch (NpgsqlException ex) when (tryNumber < 3 && ex is not PostgresException)
            {
                LogRecordRetry(logger, submission.Id, response.RemoteId, ex.Message);
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

    private bool NoteIfAlreadyDecided(SendingAttempt attempt, bool recorded)
    {
        if (!recorded)
        {
            // Another sender (one that took over after this one lost its lock) has decided this attempt already.
            LogAlreadyDecided(logger, attempt.Id, attempt.Attempt);
        }

        return recorded;
    }

    private static string RefusalReason(EigenpalException ex) =>
        ex.RequestId is { } requestId ? $"{ex.StatusCode} {ex.Message} (request {requestId})" : $"{ex.StatusCode} {ex.Message}";
}
