namespace Eigenpal.Api;

/// <summary>
/// <see cref="ExecutionsClient.RunAndWaitAsync"/> reached its deadline before the execution ended
/// (status 0). The execution was not cancelled and may still finish: poll or cancel it by <see cref="ExecutionId"/>.
/// </summary>
public sealed class EigenpalTimeoutException : EigenpalException
{
    /// <summary>Creates the error with no execution id.</summary>
    public EigenpalTimeoutException()
        : this("execution did not finish in time")
    {
    }

    /// <summary>Creates the error with no execution id.</summary>
    /// <param name="message">The message.</param>
    public EigenpalTimeoutException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates the error with no execution id.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalTimeoutException(string message, Exception? innerException)
        : base(message, 0, null, null, innerException)
    {
        ExecutionId = string.Empty;
    }

    /// <summary>Creates the error for an execution that did not end within <paramref name="timeout"/>.</summary>
    /// <param name="executionId">The execution that is still going.</param>
    /// <param name="timeout">The deadline that passed.</param>
    public EigenpalTimeoutException(string executionId, TimeSpan timeout)
        : base($"execution {executionId} did not finish within {timeout.TotalSeconds:0.###} s", 0)
    {
        ExecutionId = executionId;
    }

    /// <summary>The execution that did not end in time.</summary>
    public string ExecutionId { get; }
}
