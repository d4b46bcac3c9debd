namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>The body of every non-2xx answer.</summary>
internal sealed record ErrorEnvelope(IReadOnlyList<ApiIssue> Issues, string RequestId, string? Hint = null);
