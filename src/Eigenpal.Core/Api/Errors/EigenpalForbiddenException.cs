namespace Eigenpal.Api;

/// <summary>The API key may not do this (HTTP 403), e.g. API triggering is switched off for the workflow or the key's scope does not match. Retrying does not help.</summary>
public sealed class EigenpalForbiddenException : EigenpalException
{
    /// <summary>Creates the error with its default message.</summary>
    public EigenpalForbiddenException()
        : this("forbidden")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalForbiddenException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalForbiddenException(string message, Exception? innerException)
        : base(message, 403, null, null, innerException)
    {
    }

    /// <summary>Creates the error for a response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="envelope">The parsed error body.</param>
    public EigenpalForbiddenException(string message, string? requestId, ErrorEnvelope? envelope)
        : base(message, 403, requestId, envelope)
    {
    }
}
