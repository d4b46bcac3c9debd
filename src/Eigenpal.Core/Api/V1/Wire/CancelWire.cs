namespace Eigenpal.Api.V1.Wire;

/// <summary>The cancel answer as sent: <c>{id, type, finished, execution{status}, cancellation{state, wasStatus}}</c>.</summary>
internal sealed record CancelWire(string Id, string Type, bool Finished, CancelWire.ExecutionPart Execution, CancelWire.CancellationPart Cancellation)
{
    internal sealed record ExecutionPart(ExecutionStatus Status);

    internal sealed record CancellationPart(CancellationState State, ExecutionStatus WasStatus);

    public RunCancelResponse ToResponse() => new(Id, Finished, Execution.Status, Cancellation.State, Cancellation.WasStatus, Type);
}
