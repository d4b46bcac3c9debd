using System.Security.Cryptography;
using System.Text;

namespace Eigenpal.Simulator.V1.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> + base64(HMAC-SHA256(key, "&lt;id&gt;.&lt;timestamp&gt;.&lt;body&gt;")),
/// keyed with the base64-decoded part of the secret after <c>whsec_</c>. Written here rather than
/// taken from the StandardWebhooks package on purpose: the worker verifies with that package, and
/// an independent signer is what shows the two agree (the tests check the specification's vector).
/// </summary>
internal static class WebhookSigner
{
    public static byte[]? TryReadKey(string? secret)
    {
        if (secret is null || !secret.StartsWith(WebhookOptionsValidator.SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var encoded = secret[WebhookOptionsValidator.SecretPrefix.Length..];
        var key = new byte[encoded.Length];
        return encoded.Length > 0 && Convert.TryFromBase64String(encoded, key, out var written) ? key[..written] : null;
    }

    public static string Sign(byte[] key, string messageId, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}")));
}
