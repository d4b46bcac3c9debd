using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>A fast, deterministic simulator for v1 tests that leave modes and faults alone.</summary>
public sealed class V1Fixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public V1Api Api { get; private set; } = null!;

    /// <summary>A fresh simulator with the fast settings and extra changes, for tests that switch modes or faults.</summary>
    public static Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null) =>
        SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            configure?.Invoke(o);
        });

    public async Task InitializeAsync()
    {
        Host = await StartAsync();
        Api = new V1Api(Host);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
