using Microsoft.Extensions.Options;

namespace Eigenpal.Api.Http;

/// <summary>Validates <see cref="EigenpalClientOptions"/> at host start, reporting every problem at once.</summary>
internal sealed class EigenpalClientOptionsValidator : IValidateOptions<EigenpalClientOptions>
{
    public ValidateOptionsResult Validate(string? name, EigenpalClientOptions options)
    {
        var errors = ClientSettings.Validate(options, Environment.GetEnvironmentVariable, out _);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
