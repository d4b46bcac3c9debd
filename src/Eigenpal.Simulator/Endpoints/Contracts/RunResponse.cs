using System.Text.Json;

namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>RunResponse: only <c>executionId</c> unless a wait saw the execution end.</summary>
internal sealed record RunResponse(string ExecutionId, string? Status = null, JsonElement? Result = null, string? Error = null);
