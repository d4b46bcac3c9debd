using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// Checks the webhook settings at start, all problems together, each naming its setting. The secret's
/// value never appears in a message (the host prints validation failures).
/// </summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && WebhookSecret.TryParse(options.Secret, out var problem) is null)
        {
            failures.Add($"{WebhookOptions.Section}:Secret is not a valid webhook signing secret: {problem}.");
        }

        if (string.IsNullOrWhiteSpace(options.Path) || !options.Path.StartsWith('/') || options.Path.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"{WebhookOptions.Section}:Path must be a path starting with '/' (default {WebhookOptions.DefaultPath}).");
        }
        else if (options.Path.StartsWith(Hosting.WorkerHost.DashboardPath, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{WebhookOptions.Section}:Path must not lie under the dashboard ({Hosting.WorkerHost.DashboardPath}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
