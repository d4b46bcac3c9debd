namespace Eigenpal.Polling;

/// <summary>What recording one poll cycle wrote: status changes (vanished ones included) and the attempts that vanished.</summary>
internal sealed record RecordedPolls(int Changed, IReadOnlyList<VanishedExecution> Vanished);
