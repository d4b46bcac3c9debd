using Eigenpal.Api;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eigenpal.Executions;

/// <summary>
/// Cancels submissions: one not sent yet is cancelled locally (it will never be sent); one with
/// a remote execution is cancelled through the API and the outcome recorded. A cancellation
/// the API only "requested" is confirmed by the poller when the execution reaches cancelled.
/// </summary>
public sealed partial class ExecutionCanceller(NpgsqlDataSource dataSource, RunSurfaces surfaces, WorkerIdentity identity, ILogger<ExecutionCanceller> logger)
{
    /// <summary>Cancels one submission.</summary>
    public async Task<CancelResult> CancelSubmissionAsync(Guid submissionId, CancellationToken cancellationToken = default)
    {
        if (await TryCancelUnsentAsync(submissionId, cancellationToken))
        {
            return new CancelResult(submissionId, "cancelled-locally", null);
        }

        await using var find = dataSource.CreateCommand("""
            SELECT s.state, e.id, e.remote_id, e.surface FROM eigenpal.submissions s
            LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.id = @id
            """);
        find.Parameters.AddWithValue("id", submissionId);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new KeyNotFoundException($"No submission {submissionId}.");
        }

        var state = reader.GetString(0);
        var executionId = reader.IsDBNull(1) ? (Guid?)null : reader.GetGuid(1);
        var remoteId = reader.IsDBNull(2) ? null : reader.GetString(2);
        var surface = reader.IsDBNull(3) ? ApiSurface.Legacy : ApiSurfaces.Parse(reader.GetString(3));
        await reader.DisposeAsync();

        if (state == SubmissionState.Sending.Name())
        {
            return new CancelResult(submissionId, "in-flight", null, "a run request is being sent right now; cancel again in a moment");
        }

        if (remoteId is null || executionId is null)
        {
            return new CancelResult(submissionId, "already-terminal", null, $"the submission is {state} and has no remote execution");
        }

        CancelResponse response;
        try
        {
            // The run is cancelled on the surface it was sent on.
            response = await surfaces.For(surface).CancelAsync(remoteId, cancellationToken);
        }
        catch (EigenpalException ex)
        {
            return new CancelResult(submissionId, "failed", remoteId, ex.Message);
        }

        await RecordAsync(submissionId, executionId.Value, response, cancellationToken);
        var outcome = response.Status switch
        {
            CancelOutcome.Cancelled => "cancelled",
            CancelOutcome.CancellationRequested => "cancellation-requested",
            _ => "already-terminal",
        };
        LogCancelled(logger, submissionId, remoteId, outcome);
        return new CancelResult(submissionId, outcome, remoteId);
    }

    private async Task<bool> TryCancelUnsentAsync(Guid submissionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var attempts = new NpgsqlCommand("SELECT attempt FROM eigenpal.submissions WHERE id = @id", connection);
        attempts.Parameters.AddWithValue("id", submissionId);
        return await attempts.ExecuteScalarAsync(ct) is int attempt
            && await StateChange.MoveSubmissionAsync(
                connection, submissionId, attempt, SubmissionState.Pending, SubmissionState.Cancelled, "cancelled before it was sent", ct);
    }

    private async Task RecordAsync(Guid submissionId, Guid executionId, CancelResponse response, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (response.Status == CancelOutcome.Cancelled)
        {
            // Cancelled at once: a change of state like any other, guarded against a final status recorded meanwhile.
            await StateChange.ApplyAsync(connection, new AttemptChange
            {
                AttemptId = executionId,
                To = AttemptState.Cancelled,
                Observer = identity.Name,
                Detail = "cancel answered cancelled",
                Guard = "e.remote_id IS NOT NULL AND e.completed_at IS NULL",
                AttemptSet = ["cancel_requested_at = now()", "cancel_outcome = @outcome", "completed_at = now()", "next_poll_at = NULL"],
                Submission = SubmissionState.Cancelled,
                SubmissionSet = ["state_reason = 'cancelled'"],
                Parameters = [new("outcome", response.Status.ToString())],
            }, ct);
            return;
        }

        // Requested (confirmed by polling soon) or already terminal: bookkeeping, no change of state.
        await using var update = new NpgsqlCommand("""
            UPDATE eigenpal.executions
            SET cancel_requested_at = now(), cancel_outcome = @outcome,
                next_poll_at = CASE WHEN next_poll_at IS NULL THEN NULL ELSE now() END, updated_at = now()
            WHERE id = @execution
            """, connection);
        update.Parameters.AddWithValue("outcome", response.Status.ToString());
        update.Parameters.AddWithValue("execution", executionId);
        await update.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(EventId = 700, EventName = "CancelRequested", Level = LogLevel.Information,
        Message = "Cancel of submission {SubmissionId} (execution {ExecutionId}): {Outcome}")]
    private static partial void LogCancelled(ILogger logger, Guid submissionId, string executionId, string outcome);
}
