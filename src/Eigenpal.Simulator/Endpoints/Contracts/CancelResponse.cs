namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>The answer to a cancel: outcome and the status before it.</summary>
internal sealed record CancelResponse(string ExecutionId, string Status, string WasStatus);
