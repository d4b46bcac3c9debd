namespace Eigenpal.Api;

/// <summary>The API rejected the API key (HTTP 401). Check <c>EIGENPAL_API_KEY</c>; retrying does not help.</summary>
public sealed class EigenpalAuthenticationException : EigenpalException
{
    /// <summary>Creates the error with its default message.</summary>
    public EigenpalAuthenticationException()
        : this("authentication failed: check the API key (EIGENPAL_API_KEY)")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalAuthenticationException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalAuthenticationException(string message, Exception? innerException)
        : base(message, 401, null, null, innerException)
    {
    }

    /// <summary>Creates the error for a response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="envelope">The parsed error body.</param>
    public EigenpalAuthenticationException(string message, string? requestId, ErrorEnvelope? envelope)
        : base(message, 401, requestId, envelope)
    {
    }
}
