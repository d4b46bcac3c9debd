namespace Eigenpal.Submissions.Queries;

/// <summary>One attempt to run a submission remotely, as recorded in <c>eigenpal.executions</c>.</summary>
/// <param name="Id">The local id of the attempt.</param>
/// <param name="Attempt">The attempt number, from 1.</param>
/// <param name="RemoteId">The remote execution id, once the API accepted the run.</param>
/// <param name="Status">The execution status (remote wire name, or sending/refused/undetermined).</param>
/// <param name="SentAt">When the run request was (about to be) sent.</param>
/// <param name="CompletedAt">When it reached a terminal status.</param>
/// <param name="ResultJson">The result, as JSON text, when completed.</param>
/// <param name="Error">The error, when it failed or was refused.</param>
/// <param name="FailureCategory">The API's failure category, when given.</param>
/// <param name="RequestId">The API's request id of the refusal, when recorded.</param>
/// <param name="CancelOutcome">What a cancel request answered, when one was made.</param>
/// <param name="Surface">The API surface its run request was sent on: <c>legacy</c> or <c>v1</c>.</param>
/// <param name="MadeBecause">Why the attempt was made: the first submission, a run proven never created, an operator's decision, a reprocess run, an import.</param>
public sealed record ExecutionAttempt(
    Guid Id,
    int Attempt,
    string? RemoteId,
    string Status,
    DateTimeOffset SentAt,
    DateTimeOffset? CompletedAt,
    string? ResultJson,
    string? Error,
    string? FailureCategory,
    string? RequestId,
    string? CancelOutcome,
    string Surface,
    string? MadeBecause = null);
