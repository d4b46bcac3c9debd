using Eigenpal.Simulator.Engine;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// Picks the first runs of a page in list order without sorting every match: a bounded heap keeps
/// the best <c>capacity</c> seen (O(n log k) for n matches), and counts the rest, which is all a
/// page needs to know whether a next cursor is due. The order is by creation time, ties by id.
/// </summary>
internal sealed class RunPageSelector
{
    private readonly int capacity;
    private readonly bool newestFirst;
    private readonly PriorityQueue<Execution, RunKey> kept;

    public RunPageSelector(int capacity, bool newestFirst)
    {
        this.capacity = capacity;
        this.newestFirst = newestFirst;

        // The heap's head is the kept run that comes last in list order, the one to drop first.
        kept = new PriorityQueue<Execution, RunKey>(capacity + 1, newestFirst ? RunKey.Ascending : RunKey.Descending);
    }

    /// <summary>Every run offered, kept or not.</summary>
    public int Matches { get; private set; }

    public void Offer(Execution execution)
    {
        Matches++;
        var key = new RunKey(execution.CreatedAt.UtcTicks, execution.Id);
        if (kept.Count == capacity && kept.TryPeek(out _, out var last) && !ComesBefore(key, last))
        {
            return;
        }

        kept.Enqueue(execution, key);
        if (kept.Count > capacity)
        {
            kept.Dequeue();
        }
    }

    private bool ComesBefore(RunKey a, RunKey b) =>
        newestFirst ? RunKey.Ascending.Compare(a, b) > 0 : RunKey.Ascending.Compare(a, b) < 0;

    /// <summary>The kept runs in list order.</summary>
    public List<Execution> InOrder()
    {
        var runs = new List<(Execution Run, RunKey Key)>(kept.Count);
        while (kept.TryDequeue(out var run, out var key))
        {
            runs.Add((run, key));
        }

        runs.Sort((a, b) => ComesBefore(a.Key, b.Key) ? -1 : ComesBefore(b.Key, a.Key) ? 1 : 0);
        return runs.ConvertAll(r => r.Run);
    }

    /// <summary>A run's place in creation order.</summary>
    public readonly record struct RunKey(long CreatedTicks, string Id)
    {
        public static IComparer<RunKey> Ascending { get; } = Comparer<RunKey>.Create(static (a, b) =>
            a.CreatedTicks != b.CreatedTicks ? a.CreatedTicks.CompareTo(b.CreatedTicks) : string.CompareOrdinal(a.Id, b.Id));

        public static IComparer<RunKey> Descending { get; } = Comparer<RunKey>.Create(static (a, b) => Ascending.Compare(b, a));
    }
}
