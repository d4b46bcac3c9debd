namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>
/// Observability. <c>derived</c> is true because phases are derived from the simulated timeline;
/// <c>currentPhase</c> and <c>failure</c> are left out (never null) when they have no value.
/// </summary>
internal sealed record ObservabilityResponse(IReadOnlyList<PhaseResponse> Phases, bool Derived, string? CurrentPhase, FailureResponse? Failure);
