using System.Globalization;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// Verifies a delivery's Standard Webhooks signature (HMAC-SHA256 over
/// <c>webhook-id.webhook-timestamp.body</c>) with the <c>StandardWebhooks</c> library, and its timestamp
/// against <see cref="WebhookOptions.Tolerance"/> on the injected clock. The library checks a fixed
/// ±5 min window on the system clock as well, which is why the tolerance cannot be set wider.
/// </summary>
internal sealed class WebhookVerifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    // Event ids are short (whev_…); a longer one is not a delivery of this service.
    private const int MaxEventIdLength = 256;

    private readonly StandardWebhook _webhook;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    public WebhookVerifier(IOptions<WebhookOptions> options, TimeProvider time)
    {
        // The options validator has already refused a malformed secret; this only repeats the parse.
        var key = WebhookSecret.TryParse(options.Value.Secret, out var problem)
            ?? throw new InvalidOperationException($"{WebhookOptions.Section}:Secret is not valid: {problem}");
        _webhook = new StandardWebhook(key);
        _tolerance = options.Value.Tolerance;
        _time = time;
    }

    /// <summary>Verifies <paramref name="body"/> (the raw body, decoded as strict UTF-8) with its headers.</summary>
    public WebhookVerdict Verify(string body, IHeaderDictionary headers)
    {
        var id = headers[IdHeader].ToString();
        var timestamp = headers[TimestampHeader].ToString();
        if (id.Length == 0 || timestamp.Length == 0 || headers[SignatureHeader].ToString().Length == 0)
        {
            return WebhookVerdict.Malformed($"missing {IdHeader}, {TimestampHeader} or {SignatureHeader}");
        }

        if (id.Length > MaxEventIdLength)
        {
            return WebhookVerdict.Malformed($"{IdHeader} is longer than {MaxEventIdLength} characters");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerdict.Malformed($"{TimestampHeader} is not Unix seconds");
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > _tolerance || age < -_tolerance)
        {
            return WebhookVerdict.Unauthorized(
                FormattableString.Invariant($"{TimestampHeader} is {age.TotalSeconds:0} s from now, beyond the tolerance of {_tolerance.TotalSeconds:0} s"));
        }

        // The header may list several space-separated signatures (Standard Webhooks allows it for key
        // rotation); StandardWebhooks 1.1.2 compares only the first, so each is offered to it alone.
        var signatures = headers[SignatureHeader].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var reason = "";
        foreach (var signature in signatures)
        {
            try
            {
                _webhook.Verify(body, new HeaderDictionary
                {
                    [IdHeader] = id, [TimestampHeader] = timestamp, [SignatureHeader] = signature,
                });
                return WebhookVerdict.Accept(id);
            }
            catch (WebhookVerificationException ex)
            {
                // The library's messages name the check that failed ("No matching signature found"), never the key.
                reason = ex.Message;
            }
        }

        return WebhookVerdict.Unauthorized("signature not valid: " + reason);
    }
}
