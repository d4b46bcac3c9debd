using Eigenpal.Api;
using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Core.Tests.Integration.Infrastructure;

/// <summary>
/// A simulator on the real clock, 100 times faster than real time, with deterministic outcomes:
/// classify-text and extract-invoice end <c>completed</c> after 20 ms; normalize-address takes
/// 20 s, long enough to stay unfinished for the whole test run.
/// </summary>
public sealed class FastSimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Sim { get; private set; } = null!;

    public EigenpalClient Client { get; private set; } = null!;

    public static void Configure(SimulatorOptions o)
    {
        o.Seed = 11;
        o.TimeScale = 0.01;
        o.ApiKeys.Add(SimulatorClients.SecretKey);
        o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(2000), FailureRate = 0, RejectionRate = 0 };
        o.Workflows["extract-invoice"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(2000), FailureRate = 0, RejectionRate = 0 };
        o.Workflows["normalize-address"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(2_000_000) };
    }

    public async Task InitializeAsync()
    {
        Sim = await SimulatorHost.StartAsync(Configure);
        Client = SimulatorClients.Create(Sim);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }
}
