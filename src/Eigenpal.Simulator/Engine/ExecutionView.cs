using System.Text.Json;

namespace Eigenpal.Simulator.Engine;

/// <summary>An execution as seen at one moment: what the API reports for it.</summary>
internal sealed record ExecutionView(
    Execution Execution,
    string Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Result,
    string? Error,
    FailureInfo? Failure,
    DateTimeOffset? FailureAt,
    IReadOnlyList<PhaseView> Phases)
{
    public bool IsTerminal => CompletedAt is not null;

    public string? CurrentPhase => Phases.FirstOrDefault(p => p.Status == "running")?.Phase;
}
