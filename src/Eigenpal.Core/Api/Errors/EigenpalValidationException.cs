namespace Eigenpal.Api;

/// <summary>
/// The API rejected the request as invalid (HTTP 400). The message is <c>&lt;field&gt;: &lt;message&gt;</c>
/// from the first issue; <see cref="Issues"/> lists them all. Retrying the same request does not help.
/// </summary>
public sealed class EigenpalValidationException : EigenpalException
{
    /// <summary>Creates the error with its default message.</summary>
    public EigenpalValidationException()
        : this("validation error")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    public EigenpalValidationException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalValidationException(string message, Exception? innerException)
        : base(message, 400, null, null, innerException)
    {
        Issues = [];
    }

    /// <summary>Creates the error for a response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="requestId">The server's request id.</param>
    /// <param name="envelope">The parsed error body; its issues become <see cref="Issues"/>.</param>
    public EigenpalValidationException(string message, string? requestId, ErrorEnvelope? envelope)
        : base(message, 400, requestId, envelope)
    {
        Issues = envelope?.Issues ?? [];
    }

    /// <summary>The problems the server reported; empty when the body had none.</summary>
    public IReadOnlyList<ApiIssue> Issues { get; }
}
