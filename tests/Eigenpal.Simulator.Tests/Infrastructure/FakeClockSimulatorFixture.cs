using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Time.Testing;

namespace Eigenpal.Simulator.Tests.Infrastructure;

/// <summary>
/// A simulator whose clock only moves when a test advances it: every status boundary can be hit
/// exactly. classify-text takes 10 s: created [0,0.5) pending [0.5,1.5) running [1.5,6)
/// waiting [6,8) finalizing [8,10) completed from 10 s.
/// </summary>
public sealed class FakeClockSimulatorFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public SimulatorHost Host { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(
            o =>
            {
                o.Seed = 1;
                o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(10_000), FailureRate = 0, RejectionRate = 0 };
            },
            Clock);
        Api = new Api(Host);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
