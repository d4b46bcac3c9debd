using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// The webhook endpoint on the worker's HTTP server: <c>POST</c> at <see cref="WebhookOptions.Path"/>,
/// served only when a secret is configured. A verified event about a tracked run makes that run due for
/// a poll now and is answered 2xx at once; everything else is answered without changing anything.
/// </summary>
public static class WebhookEndpoints
{
    // Strict: a body that is not valid UTF-8 cannot be the bytes that were signed, so it is refused, not repaired.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Maps the endpoint when <c>Eigenpal:Webhooks:Secret</c> is set; otherwise maps nothing.</summary>
    public static WebApplication MapEigenpalWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        if (options.Enabled)
        {
            // No authorization filter: the signature is the authentication, and the service calls from outside.
            app.MapPost(options.Path, ReceiveAsync);
            WebhookLog.Enabled(app.Logger, options.Path, options.Tolerance);
        }

        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, WebhookVerifier verifier, WebhookEventStore store, PollNudge nudge,
        IOptions<WebhookOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(WebhookEndpoints).FullName ?? nameof(WebhookEndpoints));
        var remote = context.Connection.RemoteIpAddress?.ToString();
        var raw = await ReadBodyAsync(context.Request, options.Value.MaxBodyBytes, ct);
        if (raw is null)
        {
            return Refuse(logger, remote, StatusCodes.Status413PayloadTooLarge, $"body larger than {options.Value.MaxBodyBytes} bytes");
        }

        string body;
        try
        {
            body = StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return Refuse(logger, remote, StatusCodes.Status400BadRequest, "body is not UTF-8");
        }

        var verdict = verifier.Verify(body, context.Request.Headers);
        if (verdict.EventId is not { } eventId)
        {
            return Refuse(logger, remote, verdict.RefusalStatus, verdict.Reason);
        }

        if (RunEvent.TryParse(body) is not { } runEvent)
        {
            return Refuse(logger, remote, StatusCodes.Status400BadRequest, "signed body is not an event envelope (JSON with a 'type')");
        }

        var receipt = WebhookReceipt.Ignored;
        if (runEvent.IsHint)
        {
            try
            {
                receipt = await store.RecordAsync(eventId, runEvent, ct);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // 503 is retried by the service (at-least-once); nothing was recorded, so the retry starts afresh.
                WebhookLog.StoreFailed(logger, eventId, ex.Message);
                return Results.Text("the worker's database is unavailable; deliver again", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }

        if (receipt == WebhookReceipt.Hinted)
        {
            nudge.Request();
        }

        WebhookLog.Accepted(logger, eventId, runEvent.Type, runEvent.RunId, receipt);
        return Results.Json(new { receipt = receipt.ToString().ToLowerInvariant() });
    }

    private static IResult Refuse(ILogger logger, string? remote, int status, string reason)
    {
        WebhookLog.Refused(logger, remote, status, reason);
        // The reason helps whoever sets the endpoint up (Studio shows each delivery's answer); it names no secret.
        return Results.Text("webhook refused: " + reason, statusCode: status);
    }

    /// <summary>The raw body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
