using Eigenpal.Submissions;
using Eigenpal.Worker.Cli;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard;

/// <summary>Checks <c>Eigenpal:Dashboard:StuckAfter</c> at start, every problem together, each naming its setting.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<EigenpalDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, EigenpalDashboardOptions options)
    {
        var failures = new List<string>();
        foreach (var (state, text) in options.StuckAfter)
        {
            if (!SubmissionStates.TryParse(state.ToLowerInvariant(), out var parsed) || parsed.IsFinal())
            {
                failures.Add($"{EigenpalDashboardOptions.Section}:StuckAfter:{state} does not name an unfinished state (pending, sending, running).");
            }
            else if (!DurationText.TryParse(text ?? "", out _))
            {
                failures.Add($"{EigenpalDashboardOptions.Section}:StuckAfter:{state} is not a duration (for example 10m, 90s, 2h or 00:30:00): '{text}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
