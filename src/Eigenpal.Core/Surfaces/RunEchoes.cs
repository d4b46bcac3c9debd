using Eigenpal.Api;

namespace Eigenpal.Surfaces;

/// <summary>What the runs of a window show of how they were started, read for the candidates of a reconciliation.</summary>
/// <param name="Candidates">The candidates, each with its input echo (v1: <c>input.args</c> of a get with <c>expand=input</c>).</param>
/// <param name="Named">For the runs whose metadata names an attempt, that attempt.</param>
/// <param name="Problem">Why some candidate's echo could not be read (the reconciliation then waits); null when all were.</param>
/// <param name="RetryOf">For the runs that are reruns (v1 <c>execution.retry.previousRunId</c>), the run each reruns.</param>
internal sealed record RunEchoes(
    IReadOnlyList<ExecutionSummary> Candidates, IReadOnlyDictionary<string, Guid> Named, string? Problem, IReadOnlyDictionary<string, string>? RetryOf = null);
