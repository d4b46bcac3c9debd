using Eigenpal.Simulator.V1.Webhooks;
using Eigenpal.Simulator.Workflows;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Options;

/// <summary>
/// Checks the whole options tree once at start and reports every problem together, so a bad
/// appsettings.json fails fast with one readable message instead of odd behaviour later.
/// </summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = new List<string>();
        if (options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Simulator:ApiKeys must not contain empty keys.");
        }

        if (!(options.TimeScale > 0) || double.IsInfinity(options.TimeScale))
        {
            errors.Add("Simulator:TimeScale must be a positive number.");
        }

        foreach (var (workflow, behaviour) in options.Workflows)
        {
            if (!BuiltInWorkflows.Names.Contains(workflow))
            {
                errors.Add($"Simulator:Workflows:{workflow} is not a known workflow ({string.Join(", ", BuiltInWorkflows.Names)}).");
            }

            ValidateBehaviour($"Simulator:Workflows:{workflow}", behaviour, errors);
        }

        FaultOptionsValidator.Validate("Simulator:Faults", options.Faults, errors);
        ModeOptionsValidator.Validate("Simulator:Modes", options.Modes, errors);
        WebhookOptionsValidator.Validate("Simulator:Webhooks", options.Webhooks, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateBehaviour(string path, WorkflowBehaviourOptions behaviour, List<string> errors)
    {
        CheckFraction($"{path}:FailureRate", behaviour.FailureRate, errors);
        CheckFraction($"{path}:RejectionRate", behaviour.RejectionRate, errors);
        if (behaviour.FailureRate + behaviour.RejectionRate > 1)
        {
            errors.Add($"{path}: FailureRate + RejectionRate must not exceed 1.");
        }

        if (behaviour.Duration is { } d)
        {
            var ok = d.Kind switch
            {
                DurationKind.Fixed => d.FixedMs >= 0,
                DurationKind.Uniform => d.MinMs >= 0 && d.MaxMs >= d.MinMs,
                DurationKind.LogNormal => d.MedianMs > 0 && d.Sigma >= 0 && d.MaxMs >= 0,
                _ => false,
            };
            if (!ok)
            {
                errors.Add($"{path}:Duration has invalid parameters for kind {d.Kind} (durations are non-negative ms, MaxMs >= MinMs, MedianMs > 0, Sigma >= 0).");
            }
        }
    }

    internal static void CheckFraction(string path, double? value, List<string> errors)
    {
        if (value is { } v && !(v >= 0 && v <= 1))
        {
            errors.Add($"{path} must be between 0 and 1.");
        }
    }
}
