using System.Collections.Concurrent;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>The v1 records of runs, by execution id; cleared with the executions on reset.</summary>
internal sealed class RunRecords
{
    private ConcurrentDictionary<string, RunRecord> byId = new(StringComparer.Ordinal);

    public void Add(string runId, RunRecord record) => Volatile.Read(ref byId)[runId] = record;

    public RunRecord? Find(string runId) => Volatile.Read(ref byId).GetValueOrDefault(runId);

    /// <summary>The run's record, made empty for a run started on the legacy surface.</summary>
    public RunRecord GetOrAdd(string runId) => Volatile.Read(ref byId).GetOrAdd(runId, static _ => new RunRecord());

    public void Clear() => Volatile.Write(ref byId, new ConcurrentDictionary<string, RunRecord>(StringComparer.Ordinal));
}
