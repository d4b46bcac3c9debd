using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Reprocessing;

/// <summary>
/// Checks <see cref="ReprocessOptions"/> at start, every problem at once: the cron and its zone, and
/// each workflow's rules (an error pattern that is not a regular expression would otherwise fail every run).
/// </summary>
internal sealed class ReprocessOptionsValidator : IValidateOptions<ReprocessOptions>
{
    public const string Section = "Eigenpal:Reprocess";

    public ValidateOptionsResult Validate(string? name, ReprocessOptions options)
    {
        var errors = new List<string>();
        if (!CronSchedule.TryParse(Section, options.Schedule, options.TimeZone, out _, out var cronError))
        {
            errors.Add(cronError);
        }

        foreach (var (workflow, rules) in options.Workflows)
        {
            if (rules.MaxAttempts is < 1 or > 100)
            {
                errors.Add($"{Section}:Workflows:{workflow}:MaxAttempts ({rules.MaxAttempts}) must be between 1 and 100.");
            }

            if (rules.NotRetryableErrorPattern is { Length: > 0 } pattern)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException ex)
                {
                    errors.Add($"{Section}:Workflows:{workflow}:NotRetryableErrorPattern is not a regular expression: {ex.Message}");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
