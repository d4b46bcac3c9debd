using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>
/// The three outcomes of a v1 cancel, on a simulator whose clock only moves when the test moves it
/// (classify-text: created [0,0.5) pending [0.5,1.5) running [1.5,6) …, completed from 10 s).
/// </summary>
public sealed class V1CancelTests(FakeClockSimulatorFixture fixture) : IClassFixture<FakeClockSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task A_queued_run_is_cancelled_at_once_a_running_one_is_asked_and_an_ended_one_is_left_alone()
    {
        var queued = (await _client.Runs.StartAsync(V1Sim.Classify("queued"))).Id;
        var cancelled = await _client.Runs.CancelAsync(queued);

        var running = (await _client.Runs.StartAsync(V1Sim.Classify("running"))).Id;
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var requested = await _client.Runs.CancelAsync(running);
        var again = await _client.Runs.CancelAsync(running);

        var ended = (await _client.Runs.StartAsync(V1Sim.Classify("ended"))).Id;
        fixture.Clock.Advance(TimeSpan.FromSeconds(11));
        var terminal = await _client.Runs.CancelAsync(ended);

        Assert.Equal((CancellationState.Cancelled, ExecutionStatus.Created, ExecutionStatus.Cancelled, true), (cancelled.State, cancelled.WasStatus, cancelled.Status, cancelled.Finished));
        Assert.Equal((CancellationState.Requested, ExecutionStatus.Running, false), (requested.State, requested.WasStatus, requested.Finished));
        Assert.Equal(CancellationState.Requested, again.State);
        Assert.Equal((CancellationState.AlreadyTerminal, ExecutionStatus.Completed), (terminal.State, terminal.WasStatus));
        Assert.NotNull((await _client.Runs.GetAsync(running)).Timing.CancelRequestedAt);
        Assert.Equal(ExecutionStatus.Cancelled, (await _client.Runs.GetAsync(queued)).Status);
    }
}
