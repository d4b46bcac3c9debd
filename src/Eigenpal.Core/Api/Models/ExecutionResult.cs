using System.Text.Json;

namespace Eigenpal.Api;

/// <summary>The final state of an execution, returned by <see cref="ExecutionsClient.RunAndWaitAsync"/>.</summary>
/// <param name="ExecutionId">The execution id.</param>
/// <param name="Status">The terminal status.</param>
/// <param name="Result">The output, when the status is <c>completed</c>.</param>
/// <param name="Error">The error message, when the status is <c>failed</c>.</param>
public sealed record ExecutionResult(string ExecutionId, ExecutionStatus Status, JsonElement? Result = null, string? Error = null);
