namespace Eigenpal.Api;

/// <summary>Phase-level progress of an execution (<c>observability</c>).</summary>
/// <param name="Phases">The phases, in any order; <see cref="ObservabilityPhase.PhaseOrder"/> gives the order.</param>
/// <param name="Derived">Sent by the server; its meaning is not documented.</param>
/// <param name="CurrentPhase">The phase in progress, e.g. <c>running</c>.</param>
/// <param name="Failure">Why the execution failed, when it did.</param>
public sealed record Observability(
    IReadOnlyList<ObservabilityPhase> Phases,
    bool Derived,
    string? CurrentPhase = null,
    ObservabilityFailure? Failure = null);
