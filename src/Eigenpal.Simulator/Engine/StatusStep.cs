namespace Eigenpal.Simulator.Engine;

/// <summary>A planned status change: from <see cref="At"/> on, the execution is in <see cref="Status"/>.</summary>
internal readonly record struct StatusStep(string Status, DateTimeOffset At);
