namespace Eigenpal.Simulator.Engine;

/// <summary>One observability phase as seen at a given moment.</summary>
internal sealed record PhaseView(
    string Phase,
    int Order,
    string Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? FailureCode);
