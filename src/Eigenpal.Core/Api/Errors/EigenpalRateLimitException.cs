namespace Eigenpal.Api;

/// <summary>
/// The API refused the request because of its rate limit (HTTP 429). Nothing was created. The message
/// is always <c>rate limit exceeded</c>; <see cref="RetryAfter"/> says how long the server asked to wait.
/// </summary>
public sealed class EigenpalRateLimitException : EigenpalException
{
    /// <summary>The message of every rate-limit error.</summary>
    public const string DefaultMessage = "rate limit exceeded";

    /// <summary>Creates the error with its default message.</summary>
    public EigenpalRateLimitException()
        : this(DefaultMessage)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalRateLimitException(string message)
        : this(message, (TimeSpan?)null)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalRateLimitException(string message, Exception? innerException)
        : base(message, 429, null, null, innerException)
    {
    }

    /// <summary>Creates the error for a response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="retryAfter">The wait the server asked for.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="envelope">The parsed error body.</param>
    public EigenpalRateLimitException(string message, TimeSpan? retryAfter, string? requestId = null, ErrorEnvelope? envelope = null)
        : base(message, 429, requestId, envelope)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>
    /// The wait the server asked for in its <c>Retry-After</c> header (whole seconds, or an HTTP date
    /// converted to a delay); <see langword="null"/> when the header was missing or unreadable.
    /// </summary>
    public TimeSpan? RetryAfter { get; }
}
