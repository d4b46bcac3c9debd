using System.Text.Json;

namespace Eigenpal.Api;

/// <summary>
/// The answer to a run request. An asynchronous run carries only <see cref="ExecutionId"/>; a run with
/// <see cref="RunRequest.WaitForCompletionSeconds"/> that finished in time also carries the outcome.
/// </summary>
/// <param name="ExecutionId">The id of the execution that was queued, e.g. <c>exec_xyz</c>.</param>
/// <param name="Status">The status, when the server waited for the run.</param>
/// <param name="Result">The workflow output, when the status is <c>completed</c>.</param>
/// <param name="Error">The error message, when the status is <c>failed</c>.</param>
public sealed record RunResponse(
    string ExecutionId,
    ExecutionStatus? Status = null,
    JsonElement? Result = null,
    string? Error = null);
