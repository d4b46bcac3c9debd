using System.Text.Json;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Faults;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1;

namespace Eigenpal.Simulator.Admin;

/// <summary>The operations behind the admin endpoints and <see cref="SimulatorHost"/>: counters, faults, modes, reset.</summary>
internal sealed class SimulatorControl(
    ExecutionStore store,
    SimulatorCounters counters,
    FaultState faults,
    ModeState modes,
    LookAlikeMaker lookAlikes,
    V1State v1,
    RetryAfterWatch retryAfterWatch,
    ILogger<SimulatorControl> logger)
{
    public CountersSnapshot Counters() => counters.Snapshot(store.Count);

    /// <summary>The last requests that arrived inside a Retry-After, with their timings.</summary>
    public IReadOnlyList<EarlyRequest> EarlyRequests() => retryAfterWatch.RecentEarly();

    public FaultOptions Faults => faults.Current;

    /// <summary>Replaces the faults in force; returns the problems instead when they are invalid.</summary>
    public IReadOnlyList<string> SetFaults(FaultOptions replacement)
    {
        var errors = FaultOptionsValidator.Validate(replacement);
        if (errors.Count == 0)
        {
            faults.Replace(replacement);
            Log.FaultsReplaced(logger, JsonSerializer.Serialize(replacement, SimulatorJson.Options));
        }

        return errors;
    }

    /// <summary>A copy of the modes in force.</summary>
    public ModeOptions Modes => modes.Current.Clone();

    /// <summary>Replaces all modes; returns the problems instead when they are invalid.</summary>
    public IReadOnlyList<string> SetModes(ModeOptions replacement)
    {
        var errors = ModeOptionsValidator.Validate(replacement);
        if (errors.Count == 0)
        {
            modes.Replace(replacement);
            Log.ModesReplaced(logger, JsonSerializer.Serialize(replacement, SimulatorJson.Options));
        }

        return errors;
    }

    public void Reset()
    {
        lookAlikes.CancelPending();
        store.Clear();
        v1.Reset();
        retryAfterWatch.Reset();
        counters.Reset();
        Log.Reset(logger);
    }
}
