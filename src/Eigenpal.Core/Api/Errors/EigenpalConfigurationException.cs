namespace Eigenpal.Api;

/// <summary>
/// The client is not configured well enough to send anything: the API key is missing or the base URL is
/// not an absolute http(s) URL. Raised when the client is created, before any request.
/// </summary>
public sealed class EigenpalConfigurationException : EigenpalException
{
    /// <summary>Creates the error with a generic message.</summary>
    public EigenpalConfigurationException()
        : this("the Eigenpal client is not configured")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalConfigurationException(string message)
        : base(message, 0)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalConfigurationException(string message, Exception? innerException)
        : base(message, 0, null, null, innerException)
    {
    }
}
