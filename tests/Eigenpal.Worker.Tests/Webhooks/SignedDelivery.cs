using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>
/// Builds webhook deliveries as the service sends them (reference §14): the event envelope, and the
/// Standard Webhooks headers signed by hand here (HMAC-SHA256 keyed with the base64-decoded secret after
/// <c>whsec_</c>, over <c>id.timestamp.body</c>), so the worker's library is checked against the scheme.
/// </summary>
public static class SignedDelivery
{
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewEventId() => "whev_" + Guid.NewGuid().ToString("N");

    /// <summary>An event envelope; <c>previousStatus</c>/<c>currentStatus</c> only on <c>run.status_changed</c>.</summary>
    public static string Envelope(string type, string runId, string? previous = null, string? current = null, bool test = false, string? eventId = null)
    {
        var data = new JsonObject
        {
            ["run"] = new JsonObject
            {
                ["id"] = runId, ["type"] = "workflow", ["automationId"] = "extract-invoice",
                ["status"] = current ?? "created", ["triggerType"] = "api",
            },
        };
        if (type == "run.status_changed")
        {
            data["previousStatus"] = previous;
            data["currentStatus"] = current;
        }

        return new JsonObject
        {
            ["id"] = eventId ?? NewEventId(), ["type"] = type, ["apiVersion"] = "2026-07-01",
            ["createdAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), ["test"] = test, ["data"] = data,
        }.ToJsonString();
    }

    public static string Sign(string secret, string eventId, long timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{eventId}.{timestamp.ToString(CultureInfo.InvariantCulture)}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>A signed POST of <paramref name="body"/>; <paramref name="sentBody"/> replaces the bytes sent after signing.</summary>
    public static HttpRequestMessage Request(
        Uri endpoint, string secret, string eventId, string body, DateTimeOffset? at = null, byte[]? sentBody = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        var content = new ByteArrayContent(sentBody ?? bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Add("webhook-id", eventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Sign(secret, eventId, timestamp, bytes));
        return request;
    }
}
