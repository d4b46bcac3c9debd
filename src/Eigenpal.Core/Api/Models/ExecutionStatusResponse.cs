using System.Text.Json;

namespace Eigenpal.Api;

/// <summary>The state of one execution, as returned by <see cref="ExecutionsClient.GetAsync"/>.</summary>
/// <param name="ExecutionId">The execution id.</param>
/// <param name="Status">The current status.</param>
/// <param name="CreatedAt">When the execution was created.</param>
/// <param name="CompletedAt">When it reached a terminal status; <see langword="null"/> before.</param>
/// <param name="Result">The output, when the status is <c>completed</c>.</param>
/// <param name="Error">The error message, when the status is <c>failed</c>.</param>
/// <param name="Observability">Phase-level progress and failure details, when the server sends them.</param>
public sealed record ExecutionStatusResponse(
    string ExecutionId,
    ExecutionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt = null,
    JsonElement? Result = null,
    string? Error = null,
    Observability? Observability = null);
