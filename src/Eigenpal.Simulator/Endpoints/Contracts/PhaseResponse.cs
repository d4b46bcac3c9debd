namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>One observability phase item.</summary>
internal sealed record PhaseResponse(
    string ExecutionId,
    string Phase,
    int PhaseOrder,
    string Status,
    string? StartedAt,
    string? CompletedAt,
    string? FailureCode,
    long? DurationMs);
