using System.Text.Json;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// Everything an execution will do, decided when it is created: the status steps, the phases,
/// and its outcome. Status at any moment is read off this plan, so no timer runs per execution.
/// </summary>
internal sealed record ExecutionPlan(
    IReadOnlyList<StatusStep> Steps,
    IReadOnlyList<PlannedPhase> Phases,
    JsonElement? Result,
    string? Error,
    FailureInfo? Failure)
{
    public StatusStep Terminal => Steps[^1];

    public string StatusAt(DateTimeOffset now)
    {
        var status = Steps[0].Status;
        foreach (var step in Steps)
        {
            if (step.At > now)
            {
                break;
            }

            status = step.Status;
        }

        return status;
    }

    /// <summary>The first planned status change strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextChangeAfter(DateTimeOffset now)
    {
        foreach (var step in Steps)
        {
            if (step.At > now)
            {
                return step.At;
            }
        }

        return Terminal.At;
    }

    public DateTimeOffset? ReachedAt(string status) =>
        Steps.Where(s => s.Status == status).Select(s => (DateTimeOffset?)s.At).FirstOrDefault();
}
