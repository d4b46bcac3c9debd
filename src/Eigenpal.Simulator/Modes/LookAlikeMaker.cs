using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Modes;

/// <summary>
/// Plays another client of the same API (<see cref="Options.ModeOptions.LookAlikeRate"/>): after a
/// client run with files, sometimes creates a run with the same workflow, version, values and file
/// names but other bytes, 0–500 ms later on the simulator's clock, so that it lands in the same
/// time window. With a seed, whether and when it does is fixed by the client run's creation number.
/// A reset drops the look-alikes still waiting to be created.
/// </summary>
internal sealed class LookAlikeMaker(
    ModeState modes,
    ExecutionFactory factory,
    SimulatorCounters counters,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LookAlikeMaker> logger) : IDisposable
{
    /// <summary>The longest wait between a client run and its look-alike.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);

    private const int Salt = 0x100CA1;

    private CancellationTokenSource pending = new();

    /// <summary>Rolls for a look-alike of <paramref name="original"/> and, on a hit, schedules it.</summary>
    public void Consider(Execution original, WorkflowVersion version, RunInput input)
    {
        var current = modes.Current;
        if (current.LookAlikeRate <= 0)
        {
            return;
        }

        var random = factory.RandomFor(original.Sequence, Salt);
        var hit = current.LookAlikeRate >= 1 || random.NextDouble() < current.LookAlikeRate;
        var delay = TimeSpan.FromMilliseconds(random.Next((int)MaxDelay.TotalMilliseconds + 1));
        if (!hit || LookAlikeContent.From(input, current.LookAlikeSameSize) is not { } twin)
        {
            return;
        }

        var ct = CancellationTokenSource.CreateLinkedTokenSource(Volatile.Read(ref pending).Token, lifetime.ApplicationStopping);
        _ = CreateLaterAsync(original, version, twin, delay, random, ct);
    }

    /// <summary>Forgets look-alikes not yet created, so none lands in the store after a reset.</summary>
    public void CancelPending()
    {
        // Not disposed: a concurrent Consider may still be linking to it; it holds no timer or handle.
        Interlocked.Exchange(ref pending, new CancellationTokenSource()).Cancel();
    }

    public void Dispose() => Volatile.Read(ref pending).Dispose();

    private async Task CreateLaterAsync(Execution original, WorkflowVersion version, RunInput twin, TimeSpan delay, Random random, CancellationTokenSource cts)
    {
        using (cts)
        {
            try
            {
                await Task.Delay(delay, time, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                return; // reset or shutdown: the other client never got round to it
            }

            var lookAlike = factory.CreateLookAlike(original, version, twin, random);
            counters.LookAlikeCreated();
            Log.LookAlikeCreated(logger, lookAlike.Id, original.Id, original.Workflow.Name);
        }
    }
}
