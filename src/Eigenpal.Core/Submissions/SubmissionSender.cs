using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Polling;
using Eigenpal.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Submissions;

/// <summary>
/// Sends one recorded submission to the API, at most once per attempt. The submission is held
/// by a session advisory lock for the whole send (released by PostgreSQL if this process dies),
/// and the attempt row is committed before the request leaves, so a run whose response is lost
/// is reconciled afterwards instead of being sent again. Jobs may call this any number of
/// times for the same submission: the row, locked and checked, decides.
/// </summary>
public sealed partial class SubmissionSender(
    NpgsqlDataSource dataSource,
    EigenpalClient client,
    IOptions<SenderOptions> options,
    IOptions<PollingOptions> pollingOptions,
    WorkerIdentity identity,
    ILogger<SubmissionSender> logger)
{
    private readonly LostRunReconciler _reconciler = new(client, options);

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
                { State: SubmissionState.Sending, CurrentAttempt: { Status: ExecutionState.Sending } attempt } =>
                    await ReconcileAsync(connection, submission, attempt, files: null, cancellationToken),
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
        var attempt = await SubmissionSendStore.BeginAttemptAsync(connection, submission, options.Value.ReconcileAfter, ct);
        if (attempt is null)
        {
            return SendOutcome.AlreadyHandled;
        }

        var request = new RunRequest
        {
            Input = BuildInput(submission, files),
            Version = submission.Version,
            Trigger = RunTrigger.Api,
        };

        try
        {
            var response = await client.Workflows.RunAsync(submission.Workflow, request, ct);
            var status = response.Status ?? ExecutionStatus.Created;
            // The API has accepted the run: record it even if shutdown has begun meanwhile.
            await SubmissionSendStore.RecordAcceptedAsync(
                connection, submission.Id, attempt, response.ExecutionId, status, response.Result, response.Error,
                remoteCreatedAt: null, pollingOptions.Value.MinInterval, identity.Name, "run accepted", CancellationToken.None);
            LogSubmitted(logger, submission.Id, attempt.Attempt, submission.Workflow, response.ExecutionId);
            return SendOutcome.Sent;
        }
        catch (EigenpalRateLimitException ex)
        {
            // A 429 never created anything: the attempt is forgotten and the submission waits out Retry-After.
            var wait = ex.RetryAfter ?? options.Value.TransientRetryDelay;
            await SubmissionSendStore.RecordNotSentAsync(connection, submission.Id, attempt, wait, "rate limited (429)", CancellationToken.None);
            return SendOutcome.Deferred;
        }
        catch (EigenpalTransportException ex) when (!ex.IsTimeout)
        {
            // The client raises this for a run only when the request provably never left (refused, no such host).
            await SubmissionSendStore.RecordNotSentAsync(
                connection, submission.Id, attempt, options.Value.TransientRetryDelay, "API unreachable: " + ex.Message, CancellationToken.None);
            return SendOutcome.Deferred;
        }
        catch (EigenpalException ex) when (ex is EigenpalValidationException or EigenpalAuthenticationException
                                               or EigenpalForbiddenException or EigenpalNotFoundException or EigenpalConfigurationException)
        {
            var reason = RefusalReason(ex);
            await SubmissionSendStore.RecordWithoutExecutionAsync(
                connection, submission.Id, attempt, ExecutionState.Refused, SubmissionState.Error, reason, ex.RequestId, identity.Name, CancellationToken.None);
            LogRefused(logger, submission.Id, submission.Workflow, reason);
            return SendOutcome.Refused;
        }
        catch (Exception ex) when (ex is EigenpalOutcomeUnknownException or EigenpalServerException or EigenpalTransportException or HttpRequestException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The request may have reached the API: find out instead of sending it again.
            LogOutcomeUnknown(logger, submission.Id, submission.Workflow, ex.GetType().Name);
            return await ReconcileAsync(connection, submission, attempt, files, ct);
        }
        catch (EigenpalException ex)
        {
            // Any other answer (unexpected status, not the Eigenpal API at that URL) created no run we could know of.
            var reason = RefusalReason(ex);
            await SubmissionSendStore.RecordWithoutExecutionAsync(
                connection, submission.Id, attempt, ExecutionState.Refused, SubmissionState.Error, reason, ex.RequestId, identity.Name, CancellationToken.None);
            LogRefused(logger, submission.Id, submission.Workflow, reason);
            return SendOutcome.Refused;
        }
    }

    private async Task<SendOutcome> ReconcileAsync(
        NpgsqlConnection connection, SubmissionToSend submission, SendingAttempt attempt, IReadOnlyList<SubmissionFile>? files, CancellationToken ct)
    {
        files ??= await SubmissionSendStore.LoadFilesAsync(connection, submission.Id, ct);
        ExecutionSummary? found;
        bool conclusive;
        try
        {
            (found, conclusive) = await _reconciler.FindAsync(connection, submission.Workflow, attempt.SentAt, submission.Input, files, ct);
        }
        catch (EigenpalException ex) when (ex is not EigenpalAuthenticationException)
        {
            LogReconcileFailed(logger, submission.Id, ex.Message);
            return SendOutcome.AwaitingReconciliation;
        }

        if (found is not null)
        {
            await SubmissionSendStore.RecordAcceptedAsync(
                connection, submission.Id, attempt, found.Id, found.Status, found.Result, found.Error, found.CreatedAt,
                pollingOptions.Value.MinInterval, identity.Name, "reconciled: run found by listing the workflow's executions", CancellationToken.None);
            LogReconciled(logger, submission.Id, attempt.Attempt, found.Id);
            return SendOutcome.Reconciled;
        }

        var settle = options.Value.UnknownOutcomeSettleTime;
        var waited = await TimeSinceReconcileBeganAsync(connection, attempt.Id, ct);
        if (waited < settle)
        {
            // The run may still become visible (a slow server, a request still being processed):
            // look again as soon as the settle time is over.
            await SubmissionSendStore.RelayAgainAfterAsync(connection, submission.Id, settle - waited, ct);
            return SendOutcome.AwaitingReconciliation;
        }

        if (conclusive)
        {
            // Long after any request of this attempt could have been processed, a conclusive
            // listing of its window has no such run: the request never reached the API. Sending
            // again is a decision backed by evidence, recorded as a new attempt.
            var notCreated = $"no execution matching attempt {attempt.Attempt} exists {settle.TotalSeconds:0} s after reconciliation began: the request never reached the API";
            await SubmissionSendStore.RecordWithoutExecutionAsync(
                connection, submission.Id, attempt, ExecutionState.NotCreated, SubmissionState.Pending, notCreated, null, identity.Name, ct);
            LogNotCreated(logger, submission.Id, attempt.Attempt);
            return SendOutcome.Deferred;
        }

        var reason = $"the run request of attempt {attempt.Attempt} may have reached the API, but its executions around the send time could not all be searched or compared (too many, or no triggerInput to compare); not resent automatically";
        await SubmissionSendStore.RecordWithoutExecutionAsync(
            connection, submission.Id, attempt, ExecutionState.Undetermined, SubmissionState.Undetermined, reason, null, identity.Name, ct);
        LogUndetermined(logger, submission.Id, attempt.Attempt);
        return SendOutcome.Undetermined;
    }

    /// <summary>Starts the settle clock on the first reconciliation of an attempt and reads it.</summary>
    private static async Task<TimeSpan> TimeSinceReconcileBeganAsync(NpgsqlConnection connection, Guid attemptId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE eigenpal.executions SET reconcile_since = COALESCE(reconcile_since, now())
            WHERE id = @id
            RETURNING now() - reconcile_since
            """, connection);
        command.Parameters.AddWithValue("id", attemptId);
        return (TimeSpan)(await command.ExecuteScalarAsync(ct))!;
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
        Message = "Submission {SubmissionId} attempt {Attempt} reconciled to execution {ExecutionId}")]
    private static partial void LogReconciled(ILogger logger, Guid submissionId, int attempt, string executionId);

    [LoggerMessage(EventId = 214, EventName = "Undetermined", Level = LogLevel.Error,
        Message = "Submission {SubmissionId} attempt {Attempt} is undetermined: its window could not be searched completely; it is not resent automatically")]
    private static partial void LogUndetermined(ILogger logger, Guid submissionId, int attempt);

    [LoggerMessage(EventId = 216, EventName = "NotCreated", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId} attempt {Attempt} never reached the API (no matching execution after the settle time); it will be sent again as a new attempt")]
    private static partial void LogNotCreated(ILogger logger, Guid submissionId, int attempt);

    [LoggerMessage(EventId = 215, EventName = "ReconcileFailed", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId}: listing executions to reconcile failed ({Error}); will try again")]
    private static partial void LogReconcileFailed(ILogger logger, Guid submissionId, string error);
}
