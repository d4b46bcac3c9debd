using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Tests.Infrastructure;

/// <summary>
/// One simulator per test class, on a free port, 100x faster than real time, with outcomes made
/// deterministic (no random failures) so tests can assert on them.
/// </summary>
public sealed class FastSimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    public static void Configure(SimulatorOptions o)
    {
        o.Seed = 7;
        o.TimeScale = 0.01;
        o.ApiKeys.Add("sim-test-key");
        o.ApiKeys.Add("second-key");
        o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(2000), FailureRate = 0, RejectionRate = 0 };
        o.Workflows["extract-invoice"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(2000), FailureRate = 0, RejectionRate = 0 };
    }

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(Configure);
        Api = new Api(Host);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
