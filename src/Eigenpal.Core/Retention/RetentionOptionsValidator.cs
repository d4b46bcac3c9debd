using Eigenpal.Reprocessing;
using Microsoft.Extensions.Options;

namespace Eigenpal.Retention;

/// <summary>
/// Checks the cron and its zone at start (the ranges are data annotations), so a typo stops the worker with
/// the setting's name instead of failing the recurring job's registration, or every run, later.
/// </summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        CronSchedule.TryParse(RetentionOptions.Section, options.Schedule, options.TimeZone, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);
}
