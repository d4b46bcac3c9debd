using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Core.Tests.Integration.Infrastructure;

/// <summary>A fast simulator started with faults in force, one per test so that faults never leak.</summary>
internal static class FaultySimulator
{
    public static Task<SimulatorHost> StartAsync(Action<FaultOptions> faults) =>
        SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            faults(o.Faults);
        });
}
