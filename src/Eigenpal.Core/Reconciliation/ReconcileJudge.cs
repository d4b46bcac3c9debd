using Eigenpal.Api;

namespace Eigenpal.Reconciliation;

/// <summary>
/// Weighs the executions found in a lost attempt's window (DESIGN.md, "Reconciling a lost run"):
/// executions another attempt holds are already gone; those whose echo contradicts the attempt are
/// not its run; a run whose v1 metadata names the attempt is its run at once, and one whose
/// metadata names another attempt is not; of the rest, a hash proves at once, and otherwise a single remaining execution that
/// no other unresolved attempt could own is the run — but only once the window is settled and was
/// listed completely. An attempt still being sent that could own a candidate makes it wait; two
/// attempts the evidence cannot tell apart, or a look-alike, make it undetermined. Pure: no I/O.
/// </summary>
public static class ReconcileJudge
{
    /// <summary>Decides for <paramref name="attempt"/>.</summary>
    /// <param name="attempt">The lost attempt.</param>
    /// <param name="unclaimed">Executions listed in its window whose ids no attempt has recorded.</param>
    /// <param name="others">The workflow's other unresolved attempts whose windows overlap.</param>
    /// <param name="listingComplete">Whether the listing of the window was complete.</param>
    /// <param name="settled">Whether the settle time has passed and the attempt's request is certainly over.</param>
    /// <param name="named">The attempt each run's echoed metadata names, for the runs whose metadata names one (v1); the others are weighed by their input echo.</param>
    /// <param name="retryOf">For the runs that are reruns (v1 <c>execution.retry.previousRunId</c>), the run each reruns.</param>
    public static ReconcileVerdict Judge(
        UnresolvedAttempt attempt, IReadOnlyList<ExecutionSummary> unclaimed, IReadOnlyList<UnresolvedAttempt> others, bool listingComplete, bool settled,
        IReadOnlyDictionary<string, Guid>? named = null, IReadOnlyDictionary<string, string>? retryOf = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(unclaimed);
        ArgumentNullException.ThrowIfNull(others);
        var links = new RunLinks(named ?? new Dictionary<string, Guid>(), retryOf ?? new Dictionary<string, string>());

        var compatible = unclaimed
            .Where(e => attempt.Window.Contains(e.CreatedAt))
            .Select(e => (Execution: e, Evidence: Weigh(e, attempt, links)))
            .Where(c => c.Evidence != Evidence.Contradicts)
            .ToList();

        if (compatible.Count == 0)
        {
            return !listingComplete ? new ReconcileVerdict.Wait("the listing of its window was incomplete", Incomplete: true)
                : !settled ? new ReconcileVerdict.Wait("no candidate yet; waiting for the settle time")
                : new ReconcileVerdict.NotCreated();
        }

        // A name or a hash proves: weaker candidates cannot be this run when one carries its id or its very bytes.
        var strongest = compatible.Max(c => c.Evidence);
        var considered = strongest >= Evidence.Proves ? compatible.Where(c => c.Evidence == strongest).ToList() : compatible;

        var rivals = considered.ToDictionary(
            c => c.Execution.Id,
            c => others.Where(o => o.Window.Contains(c.Execution.CreatedAt) && Weigh(c.Execution, o, links) != Evidence.Contradicts).ToList(),
            StringComparer.Ordinal);

        var ids = considered.Select(c => c.Execution.Id).ToList();
        if (rivals.Values.SelectMany(r => r).FirstOrDefault(r => r.InFlight) is { } sending)
        {
            return new ReconcileVerdict.Wait($"attempt {sending.Attempt} of submission {sending.SubmissionId} is still being sent and may own a candidate", Candidates: ids);
        }

        if (considered.Count == 1 && rivals[considered[0].Execution.Id].Count == 0)
        {
            var (execution, evidence) = considered[0];
            // The attempt's own id in the run's metadata adopts at once: no other request carries it.
            // A hash adopts before the settle time (nothing else can carry our bytes but an identical
            // upload, which a complete listing would show), never from a listing with holes.
            if (evidence == Evidence.Named || (evidence == Evidence.Proves && listingComplete) || (listingComplete && settled))
            {
                return new ReconcileVerdict.Adopt(execution, evidence);
            }

            return new ReconcileVerdict.Wait(
                listingComplete ? "one candidate; waiting for the settle time before adopting it" : "one candidate, but the listing was incomplete",
                Incomplete: !listingComplete, Candidates: ids);
        }

        if (!listingComplete || !settled)
        {
            return new ReconcileVerdict.Wait("several candidates; waiting for the settle time and a complete listing", Incomplete: !listingComplete, Candidates: ids);
        }

        var rivalCount = rivals.Values.SelectMany(r => r).Select(r => r.AttemptId).Distinct().Count();
        var reason = considered.Count > 1
            ? $"{considered.Count} executions in its window fit its input ({Describe(strongest)}) and none can be told apart"
            : $"the one execution that fits its input ({Describe(strongest)}) may equally be the run of {rivalCount} other unresolved attempt(s)";
        return new ReconcileVerdict.Undetermined(ids, reason);
    }

    /// <summary>
    /// A rerun attempt's run is the one whose retry chain names the run it reruns, and no other rerun;
    /// without a chain (a server that does not fill it) its metadata says nothing — a rerun may copy
    /// the source's, naming the earlier attempt — and the input echo weighs. A start attempt's run is
    /// never a rerun, and metadata naming an attempt decides for and against every start attempt.
    /// </summary>
    private static Evidence Weigh(ExecutionSummary execution, UnresolvedAttempt attempt, RunLinks links)
    {
        var isRerun = links.RetryOf.TryGetValue(execution.Id, out var previous);
        if (attempt.RerunOf is { } source)
        {
            return isRerun ? previous == source ? Evidence.Named : Evidence.Contradicts : EchoComparer.WeighExecution(execution, attempt.Fingerprint);
        }

        return isRerun ? Evidence.Contradicts
            : links.Named.TryGetValue(execution.Id, out var owner) ? owner == attempt.AttemptId ? Evidence.Named : Evidence.Contradicts
            : EchoComparer.WeighExecution(execution, attempt.Fingerprint);
    }

    private sealed record RunLinks(IReadOnlyDictionary<string, Guid> Named, IReadOnlyDictionary<string, string> RetryOf);

    private static string Describe(Evidence evidence) => evidence switch
    {
        Evidence.Named => "its metadata or retry chain names this attempt",
        Evidence.Proves => "same content hash",
        Evidence.NearlyProves => "same file name and size",
        Evidence.Suggests => "same file name",
        _ => "no input echoed to compare",
    };
}
