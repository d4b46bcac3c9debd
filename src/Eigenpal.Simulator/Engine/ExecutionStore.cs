using System.Collections.Concurrent;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// All executions in memory: by id for gets and cancels, and per workflow in creation order so
/// listing one workflow never scans the others.
/// </summary>
internal sealed class ExecutionStore
{
    private State state = new();

    public int Count => Volatile.Read(ref state).ById.Count;

    /// <summary>The next creation number; seeds per-execution randomness, so restarts from 0 on reset.</summary>
    public long NextSequence() => Interlocked.Increment(ref Volatile.Read(ref state).Sequence);

    /// <summary>
    /// Adds the execution; false when its id is taken (the caller draws another). Only client runs
    /// take part in duplicate counting: their input key is checked and remembered. A run is a duplicate
    /// when an earlier client run of the same input had not failed when it was created (was still
    /// going, or had completed, been rejected or cancelled): running an input again after its run
    /// failed is a retry, which is what reprocessing is for, not a double run.
    /// </summary>
    public bool TryAdd(Execution execution, bool clientRun, out bool duplicateInput)
    {
        var current = Volatile.Read(ref state);
        duplicateInput = false;
        if (!current.ById.TryAdd(execution.Id, execution))
        {
            return false;
        }

        if (clientRun)
        {
            var sameInput = current.ByInput.GetOrAdd(execution.InputKey, static _ => []);
            lock (sameInput)
            {
                duplicateInput = sameInput.Exists(earlier => earlier.StatusAt(execution.CreatedAt) != ExecutionStatus.Failed);
                sameInput.Add(execution);
            }
        }

        current.ByWorkflow.GetOrAdd(execution.Workflow.Id, static _ => new AppendOnlyList<Execution>()).Add(execution);
        return true;
    }

    public Execution? Find(string id) => Volatile.Read(ref state).ById.GetValueOrDefault(id);

    /// <summary>The workflow's executions, oldest first.</summary>
    public ReadOnlyMemory<Execution> ForWorkflow(string workflowId) =>
        Volatile.Read(ref state).ByWorkflow.TryGetValue(workflowId, out var list) ? list.Snapshot() : ReadOnlyMemory<Execution>.Empty;

    public void Clear() => Volatile.Write(ref state, new State());

    // Swapped whole on reset so a concurrent request sees either the old or the new store, never half of each.
    private sealed class State
    {
        public readonly ConcurrentDictionary<string, Execution> ById = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, AppendOnlyList<Execution>> ByWorkflow = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, List<Execution>> ByInput = new(StringComparer.Ordinal);
        public long Sequence;
    }
}
