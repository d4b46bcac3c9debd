namespace Eigenpal.Submissions;

/// <summary>An operator's decision about an undetermined submission cannot be recorded; the message says why.</summary>
public sealed class ResolutionException : Exception
{
    /// <summary>Creates the error.</summary>
    public ResolutionException()
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">Why the decision cannot be recorded.</param>
    public ResolutionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">Why the decision cannot be recorded.</param>
    /// <param name="innerException">The cause.</param>
    public ResolutionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
