namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// The Standard Webhooks signing secret: <c>whsec_</c> followed by the base64 of the HMAC key. Parsed here
/// once, so a malformed secret stops the start with a clear message instead of failing every delivery.
/// No message ever contains the secret or a part of it.
/// </summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    // A 128-bit key at least; the Standard Webhooks spec recommends 24–64 bytes, Studio's length is not published.
    public const int MinKeyBytes = 16;

    /// <summary>The HMAC key, or null with <paramref name="problem"/> saying what is wrong with the text.</summary>
    public static byte[]? TryParse(string? text, out string problem)
    {
        problem = "";
        // A secret pasted into a file or variable often carries a trailing newline: that is not part of it.
        var secret = text?.Trim() ?? "";
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = $"it must start with '{Prefix}' (copy the endpoint's signing secret from Studio, Webhooks)";
            return null;
        }

        var encoded = secret[Prefix.Length..];
        var key = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, key, out var length))
        {
            problem = $"the part after '{Prefix}' must be base64";
            return null;
        }

        if (length < MinKeyBytes)
        {
            problem = $"the key after '{Prefix}' decodes to {length} bytes; at least {MinKeyBytes} are expected";
            return null;
        }

        return key[..length];
    }
}
