using System.Text.Json;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// What the v1 surface keeps of a run beside its execution: the input as stored (with the file
/// bytes, so a rerun can run it again), the caller's metadata and overrides, the retry chain and
/// when a cancel was asked for. Executions started on the legacy surface get a record only when a
/// v1 call needs one (a rerun's chain, a cancel time); theirs has no <see cref="Input"/>.
/// </summary>
internal sealed class RunRecord
{
    private long cancelRequestedTicks;
    private string? nextRunId;

    /// <summary>The input with file bytes; null for runs started on the legacy surface.</summary>
    public RunInput? Input { get; init; }

    /// <summary>The caller's metadata object as sent, or null.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>The overrides object as sent, or null; copied by a rerun.</summary>
    public JsonElement? Overrides { get; init; }

    /// <summary>0 for an original run, the source's number plus one for a rerun (when the chain is filled).</summary>
    public int RetryNumber { get; init; }

    /// <summary>The run this one reran, or null.</summary>
    public string? PreviousRunId { get; init; }

    /// <summary>The latest rerun started from this run, or null.</summary>
    public string? NextRunId => Volatile.Read(ref nextRunId);

    public void SetNextRun(string runId) => Volatile.Write(ref nextRunId, runId);

    /// <summary>When a cancel was first asked for through v1, or null.</summary>
    public DateTimeOffset? CancelRequestedAt =>
        Volatile.Read(ref cancelRequestedTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Keeps the first cancel request's time; later ones do not move it.</summary>
    public void CancelRequested(DateTimeOffset at) => Interlocked.CompareExchange(ref cancelRequestedTicks, at.UtcTicks, 0);
}
