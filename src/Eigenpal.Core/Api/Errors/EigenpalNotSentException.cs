namespace Eigenpal.Api;

/// <summary>
/// The request never left this process (status 0): its body could not be encoded, or a local step
/// before sending failed (such as the wait for a shared rate-limit slot, when its database was
/// unreachable). Nothing can have been created remotely, so a run may be sent again later.
/// </summary>
public sealed class EigenpalNotSentException : EigenpalException
{
    /// <summary>Creates the error with a generic message.</summary>
    public EigenpalNotSentException()
        : this("the request was not sent")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalNotSentException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What failed before the request could leave.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalNotSentException(string message, Exception? innerException)
        : base(message, 0, null, null, innerException)
    {
    }
}
