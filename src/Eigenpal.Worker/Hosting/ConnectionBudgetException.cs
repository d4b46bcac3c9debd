namespace Eigenpal.Worker.Hosting;

/// <summary>
/// The worker cannot start: the PostgreSQL server can never give this one process the connections
/// its concurrency needs (<see cref="ConnectionBudget"/>). The message names the settings to change.
/// </summary>
public sealed class ConnectionBudgetException : Exception
{
    /// <summary>Creates the error with its default message.</summary>
    public ConnectionBudgetException()
        : this("The PostgreSQL server cannot give this worker the connections it needs.")
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is short and what to change.</param>
    public ConnectionBudgetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    /// <param name="message">What is short and what to change.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectionBudgetException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
