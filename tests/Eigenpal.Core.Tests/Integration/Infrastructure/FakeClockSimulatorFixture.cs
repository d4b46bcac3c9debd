using Eigenpal.Api;
using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Time.Testing;

namespace Eigenpal.Core.Tests.Integration.Infrastructure;

/// <summary>
/// A simulator whose clock moves only when a test advances it, so every status and every
/// <c>createdAt</c> is exact. classify-text takes 10 s: created [0,0.5) pending [0.5,1.5)
/// running [1.5,6) waiting [6,8) finalizing [8,10), completed from 10 s.
/// </summary>
public sealed class FakeClockSimulatorFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public SimulatorHost Sim { get; private set; } = null!;

    public EigenpalClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sim = await SimulatorHost.StartAsync(
            o =>
            {
                o.Seed = 3;
                o.ApiKeys.Add(SimulatorClients.SecretKey);
                o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(10_000), FailureRate = 0, RejectionRate = 0 };
            },
            Clock);
        Client = SimulatorClients.Create(Sim);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }
}
