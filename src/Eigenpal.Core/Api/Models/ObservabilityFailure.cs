namespace Eigenpal.Api;

/// <summary>Why an execution failed, as classified by the server.</summary>
/// <param name="Phase">The phase that failed.</param>
/// <param name="Code">A machine-readable failure code.</param>
/// <param name="Category">The failure category: <c>environment</c>, <c>finalization</c>, <c>input</c>, <c>output</c>, <c>runtime</c>, <c>source</c> or <c>system</c>.</param>
/// <param name="Retryable">Whether running the same input again may succeed.</param>
/// <param name="UserMessage">A message meant for people.</param>
/// <param name="OccurredAt">When the failure happened.</param>
/// <param name="Provider">The provider involved, when known.</param>
public sealed record ObservabilityFailure(
    string Phase,
    string Code,
    string Category,
    bool Retryable,
    string UserMessage,
    DateTimeOffset OccurredAt,
    string? Provider = null);
