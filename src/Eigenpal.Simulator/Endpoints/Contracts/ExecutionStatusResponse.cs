using System.Text.Json;

namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>ExecutionStatusResponse, plus <c>steps</c> when <c>includeSteps=true</c> (dropped by SDK decoders).</summary>
internal sealed record ExecutionStatusResponse(
    string ExecutionId,
    string Status,
    string CreatedAt,
    string? CompletedAt,
    JsonElement? Result,
    string? Error,
    ObservabilityResponse Observability,
    IReadOnlyList<StepResponse>? Steps);
