namespace Eigenpal.Api;

/// <summary>
/// No answer was received (status 0): the connection failed or every attempt timed out, after the retries
/// allowed for the request. For an idempotent request this is transient; try again later. A run request
/// only gets this error when it is known not to have been sent (the connection could not be opened);
/// otherwise it gets <see cref="EigenpalOutcomeUnknownException"/>.
/// </summary>
public sealed class EigenpalTransportException : EigenpalException
{
    /// <summary>Creates the error with a generic message.</summary>
    public EigenpalTransportException()
        : this("the Eigenpal API could not be reached")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalTransportException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalTransportException(string message, Exception? innerException)
        : this(message, innerException, isTimeout: false)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="isTimeout">Whether the last attempt timed out (rather than failing to connect).</param>
    public EigenpalTransportException(string message, Exception? innerException, bool isTimeout)
        : base(message, 0, null, null, innerException)
    {
        IsTimeout = isTimeout;
    }

    /// <summary>Whether the last attempt timed out rather than failing to connect.</summary>
    public bool IsTimeout { get; }
}
