namespace Eigenpal.Simulator.V1.Webhooks;

/// <summary>Checks the webhook target at start: an absolute http(s) URL and a Standard Webhooks secret.</summary>
internal static class WebhookOptionsValidator
{
    public const string SecretPrefix = "whsec_";

    public static void Validate(string path, WebhookOptions webhooks, List<string> errors)
    {
        if (!webhooks.Enabled)
        {
            return;
        }

        if (!Uri.TryCreate(webhooks.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{path}:Url must be an absolute http or https URL.");
        }

        if (WebhookSigner.TryReadKey(webhooks.Secret) is null)
        {
            errors.Add($"{path}:Secret must be '{SecretPrefix}' followed by the base64 of the key bytes.");
        }

        if (webhooks.MaxAttempts < 1 || webhooks.RetryDelayMs < 0 || webhooks.TimeoutMs < 1)
        {
            errors.Add($"{path}: MaxAttempts and TimeoutMs must be at least 1, RetryDelayMs not negative.");
        }
    }
}
