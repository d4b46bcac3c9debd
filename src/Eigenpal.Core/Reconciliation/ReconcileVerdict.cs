using Eigenpal.Api;

namespace Eigenpal.Reconciliation;

/// <summary>What the evidence says about a lost attempt.</summary>
public abstract record ReconcileVerdict
{
    private ReconcileVerdict()
    {
    }

    /// <summary>This execution is the attempt's run.</summary>
    /// <param name="Execution">The execution to record for the attempt.</param>
    /// <param name="Evidence">How strongly its echo says so.</param>
    public sealed record Adopt(ExecutionSummary Execution, Evidence Evidence) : ReconcileVerdict;

    /// <summary>A complete listing of the settled window shows no execution that can be the attempt's run: it was never created.</summary>
    public sealed record NotCreated : ReconcileVerdict;

    /// <summary>Nothing can be decided yet; look again later.</summary>
    /// <param name="Reason">What is awaited (the settle time, another attempt's answer, a complete listing).</param>
    /// <param name="Incomplete">True when the listing could not be completed (counts as a failed pass, with backoff).</param>
    /// <param name="Candidates">The executions found so far that may be the run (named if the wait ends undetermined).</param>
    public sealed record Wait(string Reason, bool Incomplete = false, IReadOnlyList<string>? Candidates = null) : ReconcileVerdict
    {
        /// <summary>The executions found so far that may be the run.</summary>
        public IReadOnlyList<string> Candidates { get; init; } = Candidates ?? [];
    }

    /// <summary>The evidence cannot tell which execution (if any) is the attempt's run; an operator decides.</summary>
    /// <param name="Candidates">The executions it may be.</param>
    /// <param name="Reason">Why no single one could be chosen.</param>
    public sealed record Undetermined(IReadOnlyList<string> Candidates, string Reason) : ReconcileVerdict;
}
