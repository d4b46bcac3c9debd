namespace Eigenpal.Api;

/// <summary>
/// The base of every error raised by the Eigenpal client. Subclasses name the common cases; this base
/// type is used directly for responses that are not JSON (the base URL probably does not point at the
/// Eigenpal API), for unexpected statuses (a redirect, 409, 422, …) and for responses that cannot be decoded.
/// Messages never contain the API key.
/// </summary>
public class EigenpalException : Exception
{
    /// <summary>Creates an error with no HTTP status.</summary>
    public EigenpalException()
        : this("Eigenpal API error.")
    {
    }

    /// <summary>Creates an error with no HTTP status.</summary>
    /// <param name="message">The message.</param>
    public EigenpalException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates an error with no HTTP status.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalException(string message, Exception? innerException)
        : this(message, 0, null, null, innerException)
    {
    }

    /// <summary>Creates an error for an HTTP response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status, or 0 when there was no response.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="envelope">The parsed error body.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalException(string message, int statusCode, string? requestId = null, ErrorEnvelope? envelope = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RequestId = string.IsNullOrEmpty(requestId) ? null : requestId;
        Envelope = envelope;
    }

    /// <summary>The HTTP status of the response, or 0 when the error did not come from a response.</summary>
    public int StatusCode { get; }

    /// <summary>The request id from the <c>x-request-id</c> header, or else from the error body; quote it to support.</summary>
    public string? RequestId { get; }

    /// <summary>The parsed error body, when the response carried a JSON object.</summary>
    public ErrorEnvelope? Envelope { get; }
}
