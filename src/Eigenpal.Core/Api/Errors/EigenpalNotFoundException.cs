namespace Eigenpal.Api;

/// <summary>The workflow or execution does not exist or is not visible to the API key (HTTP 404).</summary>
public sealed class EigenpalNotFoundException : EigenpalException
{
    /// <summary>Creates the error with its default message.</summary>
    public EigenpalNotFoundException()
        : this("not found")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalNotFoundException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalNotFoundException(string message, Exception? innerException)
        : base(message, 404, null, null, innerException)
    {
    }

    /// <summary>Creates the error for a response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="envelope">The parsed error body.</param>
    public EigenpalNotFoundException(string message, string? requestId, ErrorEnvelope? envelope)
        : base(message, 404, requestId, envelope)
    {
    }
}
