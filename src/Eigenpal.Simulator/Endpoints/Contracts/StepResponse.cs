namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>
/// A step of the per-step payload (<c>includeSteps=true</c>); its shape is not specified by the
/// SDK, so the simulator reports one step per phase.
/// </summary>
internal sealed record StepResponse(string Name, string Status, string? StartedAt, string? CompletedAt);
