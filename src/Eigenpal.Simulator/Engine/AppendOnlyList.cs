namespace Eigenpal.Simulator.Engine;

/// <summary>
/// A list that only grows. Readers take a snapshot (array + count) and scan it without a lock:
/// slots below the count are never written again, and a full array is copied, not changed.
/// </summary>
internal sealed class AppendOnlyList<T>
    where T : class
{
    private readonly Lock gate = new();
    private T[] items = new T[64];
    private int count;

    public void Add(T item)
    {
        lock (gate)
        {
            if (count == items.Length)
            {
                Array.Resize(ref items, items.Length * 2);
            }

            items[count] = item;
            count++;
        }
    }

    public ReadOnlyMemory<T> Snapshot()
    {
        lock (gate)
        {
            return new ReadOnlyMemory<T>(items, 0, count);
        }
    }
}
