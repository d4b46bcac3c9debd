using Eigenpal.Api;

namespace Eigenpal.Surfaces;

/// <summary>What the runs of a window show of how they were started, read for the candidates of a reconciliation.</summary>
/// <param name="Candidates">The candidates, each with its input echo (v1: <c>input.args</c> of a get with <c>expand=input</c>).</param>
/// <param name="Named">For the runs whose metadata names an attempt, that attempt.</param>
/// <param name="Problem">Why some candidate's echo could not be read (the reconciliation then waits); null when all were.</param>
/// <param name="RetryOf">For the runs that are reruns (v1 <c>execution.retry.previousRunId</c>), the run each reruns.</param>
/// <param name="Unnamed">The runs read whose metadata names no attempt (none, or another client's).</param>
internal sealed record RunEchoes(
    IReadOnlyList<ExecutionSummary> Candidates, IReadOnlyDictionary<string, Guid> Named, string? Problem,
    IReadOnlyDictionary<string, string>? RetryOf = null, IReadOnlyList<string>? Unnamed = null)
{
    /// <summary>
    /// Marks the unnamed runs as started by no attempt of ours: right once the service is known to
    /// echo metadata, since every start of ours carries it. <see cref="Guid.Empty"/> names no attempt.
    /// </summary>
    public RunEchoes WithUnnamedAsOthers()
    {
        var named = new Dictionary<string, Guid>(Named, StringComparer.Ordinal);
        foreach (var id in Unnamed ?? [])
        {
            named.TryAdd(id, Guid.Empty);
        }

        return this with { Named = named };
    }
}
