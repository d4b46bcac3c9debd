namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// What verification concluded about one delivery: verified (with its event id), or refused with the
/// status to answer and a reason for the log. Reasons never quote the secret or a signature.
/// </summary>
internal sealed record WebhookVerdict(string? EventId, int RefusalStatus, string Reason)
{
    public bool Verified => EventId is not null;

    public static WebhookVerdict Accept(string eventId) => new(eventId, 0, "verified");

    /// <summary>Missing or malformed headers: the request is not a Standard Webhooks delivery.</summary>
    public static WebhookVerdict Malformed(string reason) => new(null, StatusCodes.Status400BadRequest, reason);

    /// <summary>A signature that does not match, or a timestamp outside the tolerance.</summary>
    public static WebhookVerdict Unauthorized(string reason) => new(null, StatusCodes.Status401Unauthorized, reason);
}
