using Eigenpal.Api;
using Eigenpal.Executions;
using Eigenpal.Polling;
using Eigenpal.Surfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Submissions;

/// <summary>
/// Records an operator's decision about an undetermined submission: which execution is its run
/// (checked with the API first), or that its request never created one (it is then sent again as a
/// new attempt). Who decided, when and why go into the attempt's status history. Only an attempt
/// that is still undetermined is changed, so two operators cannot both decide.
/// </summary>
public sealed partial class UndeterminedResolver(
    NpgsqlDataSource dataSource, RunSurfaces surfaces, IOptions<PollingOptions> polling, ILogger<UndeterminedResolver> logger)
{
    /// <summary>Adopts <paramref name="executionId"/> as the run of the submission's undetermined attempt.</summary>
    /// <exception cref="ResolutionException">The submission is not undetermined, or the execution is unknown or already another attempt's.</exception>
    public async Task<ResolvedAttempt> AdoptAsync(Guid submissionId, string executionId, string decidedBy, string? why, CancellationToken cancellationToken = default)
    {
        var attempt = await LoadUndeterminedAsync(submissionId, cancellationToken);
        ExecutionObservation remote;
        try
        {
            // Checked on the surface the attempt was sent on: its run lives there.
            remote = await surfaces.For(attempt.Surface).GetAsync(executionId, cancellationToken);
        }
        catch (EigenpalNotFoundException)
        {
            throw new ResolutionException($"The API knows no execution '{executionId}'.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var detail = Detail(decidedBy, $"adopted execution {executionId}", why, attempt.Candidates.Contains(executionId) ? null : "not one of the candidates");
        var change = new AttemptChange
        {
            AttemptId = attempt.AttemptId,
            To = AttemptStates.From(remote.Status),
            Observer = decidedBy,
            Detail = detail,
            From = AttemptState.Undetermined,
            Number = attempt.Attempt,
            WithoutRemoteId = true,
            AttemptSet = [.. SubmissionSendStore.AcceptedColumns],
            Submission = AttemptStates.SubmissionStateFor(remote.Status),
            SubmissionFrom = SubmissionState.Undetermined,
            SubmissionSet = ["state_reason = @error"],
            Parameters = SubmissionSendStore.AcceptedParameters(executionId, remote.Status, remote.Result, remote.Error, remote.CreatedAt, polling.Value.MinInterval),
        };
        try
        {
            if (!await StateChange.ApplyAsync(connection, change, cancellationToken))
            {
                throw new ResolutionException($"Submission {submissionId} was decided by someone else meanwhile.");
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ResolutionException($"Execution '{executionId}' is already recorded for another attempt: it cannot be this submission's run.");
        }

        LogResolved(logger, submissionId, attempt.Attempt, detail);
        return new ResolvedAttempt(submissionId, attempt.Attempt, AttemptStates.SubmissionStateFor(remote.Status), detail);
    }

    /// <summary>Records that the undetermined attempt created nothing: the submission is sent again as a new attempt.</summary>
    /// <exception cref="ResolutionException">The submission is not undetermined.</exception>
    public async Task<ResolvedAttempt> NotSentAsync(Guid submissionId, string decidedBy, string? why, CancellationToken cancellationToken = default)
    {
        var attempt = await LoadUndeterminedAsync(submissionId, cancellationToken);
        var detail = Detail(decidedBy, "its request created no execution; sent again as a new attempt", why, null);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var change = new AttemptChange
        {
            AttemptId = attempt.AttemptId,
            To = AttemptState.NotCreated,
            Observer = decidedBy,
            Detail = detail,
            From = AttemptState.Undetermined,
            Number = attempt.Attempt,
            WithoutRemoteId = true,
            AttemptSet = ["error = @detail_text"],
            Submission = SubmissionState.Pending,
            SubmissionFrom = SubmissionState.Undetermined,
            SubmissionSet = ["state_reason = @detail_text", "not_before = now()", "relay_at = now()"],
            Parameters = [new("detail_text", detail)],
        };
        if (!await StateChange.ApplyAsync(connection, change, cancellationToken))
        {
            throw new ResolutionException($"Submission {submissionId} was decided by someone else meanwhile.");
        }

        LogResolved(logger, submissionId, attempt.Attempt, detail);
        return new ResolvedAttempt(submissionId, attempt.Attempt, SubmissionState.Pending, detail);
    }

    /// <summary>
    /// The submission's undetermined attempt and the executions it may be (what an operator chooses from),
    /// or null when the submission is not undetermined.
    /// </summary>
    /// <exception cref="ResolutionException">There is no such submission.</exception>
    public async Task<UndeterminedAttempt?> FindUndeterminedAsync(Guid submissionId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(submissionId, cancellationToken)).Attempt;

    private async Task<UndeterminedAttempt> LoadUndeterminedAsync(Guid submissionId, CancellationToken ct)
    {
        var (state, attempt) = await ReadAsync(submissionId, ct);
        return attempt ?? throw new ResolutionException($"Submission {submissionId} is {state}, not undetermined: there is nothing to resolve.");
    }

    private async Task<(string State, UndeterminedAttempt? Attempt)> ReadAsync(Guid submissionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.state, e.id, e.attempt, e.status, COALESCE(e.candidates, '{}'), e.surface
            FROM eigenpal.submissions s LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.id = @id
            """);
        command.Parameters.AddWithValue("id", submissionId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new ResolutionException($"No submission {submissionId}.");
        }

        var state = reader.GetString(0);
        if (state != SubmissionState.Undetermined.Name() || reader.IsDBNull(1) || reader.GetString(3) != AttemptState.Undetermined.Name())
        {
            return (state, null);
        }

        return (state, new UndeterminedAttempt(reader.GetGuid(1), reader.GetInt32(2), reader.GetFieldValue<string[]>(4), ApiSurfaces.Parse(reader.GetString(5))));
    }

    private static string Detail(string decidedBy, string decision, string? why, string? note) =>
        $"resolved by {decidedBy}: {decision}" + (string.IsNullOrWhiteSpace(why) ? "" : $" — {why}") + (note is null ? "" : $" ({note})");

    [LoggerMessage(EventId = 220, EventName = "Resolved", Level = LogLevel.Information,
        Message = "Submission {SubmissionId} attempt {Attempt}: {Detail}")]
    private static partial void LogResolved(ILogger logger, Guid submissionId, int attempt, string detail);
}

/// <summary>What an operator's decision did.</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Attempt">The attempt that was undetermined.</param>
/// <param name="State">The submission's state now.</param>
/// <param name="Detail">The recorded decision (who, what, why).</param>
public sealed record ResolvedAttempt(Guid SubmissionId, int Attempt, SubmissionState State, string Detail);

/// <summary>An undetermined attempt: its request may or may not have created one of <paramref name="Candidates"/>.</summary>
/// <param name="AttemptId">The attempt's local id.</param>
/// <param name="Attempt">Its number.</param>
/// <param name="Candidates">The remote executions it may be, as the reconciler listed them.</param>
/// <param name="Surface">The API surface it was sent on.</param>
public sealed record UndeterminedAttempt(Guid AttemptId, int Attempt, IReadOnlyList<string> Candidates, ApiSurface Surface);
