namespace Eigenpal.Api;

/// <summary>
/// The API failed with a server error (HTTP 500 or above). Idempotent requests were already retried;
/// a run request that got this answer is reported as <see cref="EigenpalOutcomeUnknownException"/> instead.
/// </summary>
public sealed class EigenpalServerException : EigenpalException
{
    /// <summary>Creates the error with its default message and status 500.</summary>
    public EigenpalServerException()
        : this("internal server error")
    {
    }

    /// <summary>Creates the error with status 500.</summary>
    /// <param name="message">The message.</param>
    public EigenpalServerException(string message)
        : this(message, 500)
    {
    }

    /// <summary>Creates the error with status 500.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalServerException(string message, Exception? innerException)
        : base(message, 500, null, null, innerException)
    {
    }

    /// <summary>Creates the error for a response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status, 500 or above.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="envelope">The parsed error body.</param>
    public EigenpalServerException(string message, int statusCode, string? requestId = null, ErrorEnvelope? envelope = null)
        : base(message, statusCode, requestId, envelope)
    {
    }
}
