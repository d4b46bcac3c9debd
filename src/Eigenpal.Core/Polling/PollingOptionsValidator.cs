using Microsoft.Extensions.Options;

namespace Eigenpal.Polling;

/// <summary>
/// The rules of <see cref="PollingOptions"/> that span several fields, checked at start beside
/// the data annotations (every failure is reported together), so a bad combination stops the
/// worker before its first poll instead of failing every poll.
/// </summary>
internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var errors = new List<string>();
        if (options.MinInterval > options.MaxInterval)
        {
            errors.Add($"Eigenpal:Polling:MinInterval ({options.MinInterval}) must not exceed MaxInterval ({options.MaxInterval}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
