namespace Eigenpal.Simulator.Engine;

/// <summary>
/// An observability phase on the planned timeline. <see cref="Skipped"/> phases come after a
/// failure or rejection and never run; <see cref="Failed"/> marks the phase the failure happened in.
/// </summary>
internal sealed record PlannedPhase(string Name, int Order, DateTimeOffset Start, DateTimeOffset End, bool Failed, bool Skipped);
