namespace Eigenpal.Storage;

/// <summary>Names this process in what it records (who polled, who observed a change), e.g. <c>host:1234</c>.</summary>
/// <param name="Name">The name recorded in the store.</param>
public sealed record WorkerIdentity(string Name)
{
    /// <summary>The machine name and process id of this process.</summary>
    public static WorkerIdentity ForThisProcess() => new($"{Environment.MachineName}:{Environment.ProcessId}");
}
