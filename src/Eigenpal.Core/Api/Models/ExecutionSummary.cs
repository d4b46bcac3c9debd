using System.Text.Json;

namespace Eigenpal.Api;

/// <summary>An execution as listed by <see cref="ExecutionsClient.ListAsync"/>.</summary>
/// <param name="Id">The execution id.</param>
/// <param name="WorkflowId">The workflow that ran.</param>
/// <param name="Status">The current status.</param>
/// <param name="CreatedAt">When the execution was created.</param>
/// <param name="TriggerType">How it was started, an open-ended string such as <c>api</c>, <c>scheduled</c> or <c>manual</c>.</param>
/// <param name="TriggerInput">The original input map; useful to match a run or to replay it.</param>
/// <param name="Result">The output, when the status is <c>completed</c>.</param>
/// <param name="Error">The error message, when the status is <c>failed</c>.</param>
/// <param name="StartedAt">When it started running.</param>
/// <param name="CompletedAt">When it reached a terminal status.</param>
/// <param name="DurationMs">Total wall-clock time in milliseconds, once terminal.</param>
/// <param name="Workflow">The owning workflow; <see langword="null"/> if it was deleted.</param>
public sealed record ExecutionSummary(
    string Id,
    string WorkflowId,
    ExecutionStatus Status,
    DateTimeOffset CreatedAt,
    string? TriggerType = null,
    JsonElement? TriggerInput = null,
    JsonElement? Result = null,
    string? Error = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? CompletedAt = null,
    long? DurationMs = null,
    WorkflowRef? Workflow = null);
