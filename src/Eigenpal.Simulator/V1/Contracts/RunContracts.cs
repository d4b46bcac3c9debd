using System.Text.Json;
using System.Text.Json.Serialization;
using Eigenpal.Simulator.Endpoints.Contracts;

namespace Eigenpal.Simulator.V1.Contracts;

// The v1 run shapes (reference §7). Keys the reference marks "Req, nullable" carry
// JsonIgnoreCondition.Never so that they are written as null rather than left out, which the
// simulator's serializer does for every other null.

/// <summary>RunAccepted (§4.1): the answer to a start or rerun that did not wait.</summary>
internal sealed record RunAcceptedResponse(string Id, string Type, bool Finished, RunSourceResponse Source);

/// <summary>RunSource (§7.4).</summary>
internal sealed record RunSourceResponse(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Version,
    string? VersionId);

/// <summary>RunTiming (§7.3): every key present, null until known.</summary>
internal sealed record RunTimingResponse(
    string CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CompletedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? DurationMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CancelRequestedAt);

/// <summary>RunTrigger (§7.7); <c>by</c> is always null: API keys act for no user.</summary>
internal sealed record RunTriggerResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? By);

/// <summary>The <c>execution.retry</c> chain (§7.5).</summary>
internal sealed record RunRetryResponse(
    int Number,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? PreviousRunId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RunNextRunResponse? NextRun);

/// <summary><c>execution.retry.nextRun</c>.</summary>
internal sealed record RunNextRunResponse(string Id, string Status);

/// <summary>RunExecutionMeta (§7.5), plus <c>steps</c> in the full form of <c>expand=execution</c>.</summary>
internal sealed record RunExecutionResponse(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? SchemaValid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? BatchId,
    RunRetryResponse Retry,
    IReadOnlyList<StepResponse>? Steps = null);

/// <summary>RunListItem (§7.2).</summary>
internal sealed record RunListItemResponse(
    string Id,
    string Type,
    bool Finished,
    double SampleRank,
    RunTimingResponse Timing,
    RunSourceResponse Source,
    RunTriggerResponse Trigger,
    RunExecutionResponse Execution,
    string? Error);

/// <summary>Run (§7.1): the list item's keys, the terminal ones, and the expanded sections asked for.</summary>
internal sealed record RunResponse(
    string Id,
    string Type,
    bool Finished,
    double SampleRank,
    RunTimingResponse Timing,
    RunSourceResponse Source,
    RunTriggerResponse Trigger,
    RunExecutionResponse Execution,
    string? Error,
    JsonElement? Output,
    IReadOnlyList<RunArtifactResponse>? Files,
    RunInputResponse? Input,
    RunUsageResponse? Usage,
    RunDebugResponse? Debug);

/// <summary>RunArtifact (§7.8).</summary>
internal sealed record RunArtifactResponse(string Name, string Role, string Path, string? ContentType, long? Size);

/// <summary>RunInput (§7.6): <c>metadata</c> is left out when there is none (or the mode drops it).</summary>
internal sealed record RunInputResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonElement Args,
    JsonElement? Metadata);

/// <summary>RunUsage (§7.10): the simulator calls no model, so counts are null or 0.</summary>
internal sealed record RunUsageResponse(
    RunTokensResponse Tokens,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? CreditsCharged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? DurationMs,
    int LlmCallCount,
    int OcrPagesProcessed);

/// <summary>RunUsage tokens: all null, no model was called.</summary>
internal sealed record RunTokensResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? CacheRead,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? CacheWrite);

/// <summary>RunDebug (§7.9): the legacy observability object, untyped on v1.</summary>
internal sealed record RunDebugResponse(
    ObservabilityResponse Observability,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TraceId);

/// <summary>RunsListResponse (§4.3): no <c>total</c>; <c>nextCursor</c> is null on the last page.</summary>
internal sealed record RunsPageResponse(
    IReadOnlyList<RunListItemResponse> Runs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

/// <summary>RunCancelResponse (§4.4).</summary>
internal sealed record RunCancelResponse(string Id, string Type, bool Finished, RunCancelExecution Execution, RunCancellation Cancellation);

/// <summary>The <c>execution</c> of a cancel answer: the status after the call.</summary>
internal sealed record RunCancelExecution(string Status);

/// <summary>The <c>cancellation</c> of a cancel answer: <c>cancelled</c>, <c>requested</c> or <c>already_terminal</c>.</summary>
internal sealed record RunCancellation(string State, string WasStatus);
