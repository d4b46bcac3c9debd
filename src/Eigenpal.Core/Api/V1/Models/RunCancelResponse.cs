namespace Eigenpal.Api.V1;

/// <summary>The answer to <see cref="RunsClient.CancelAsync"/>, flattened from <c>{id, type, finished, execution{status}, cancellation{state, wasStatus}}</c>.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Finished">Whether the run is over after the call.</param>
/// <param name="Status">The run's status after the call (<c>execution.status</c>).</param>
/// <param name="State">What the cancel did.</param>
/// <param name="WasStatus">The status before the call (<c>cancellation.wasStatus</c>).</param>
/// <param name="Type"><c>workflow</c> or <c>agent</c>.</param>
public sealed record RunCancelResponse(string Id, bool Finished, ExecutionStatus Status, CancellationState State, ExecutionStatus WasStatus, string Type = "workflow");
