namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>Observability failure: why a failed or rejected execution ended.</summary>
internal sealed record FailureResponse(string Phase, string Code, string Category, bool Retryable, string UserMessage, string OccurredAt);
