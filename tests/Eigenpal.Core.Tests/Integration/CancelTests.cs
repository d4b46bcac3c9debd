using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>The three outcomes of a cancel, each reached by moving the simulator's clock to the right phase.</summary>
public sealed class CancelTests : IClassFixture<FakeClockSimulatorFixture>
{
    private readonly FakeClockSimulatorFixture _fixture;
    private readonly EigenpalClient _client;

    public CancelTests(FakeClockSimulatorFixture fixture)
    {
        _fixture = fixture;
        _client = fixture.Client;
        fixture.Sim.Reset();
    }

    private async Task<string> RunAsync() =>
        (await _client.Workflows.RunAsync("classify-text", new RunRequest { Input = new Dictionary<string, object?> { ["text"] = "cancel me" } })).ExecutionId;

    [Fact]
    public async Task Cancel_of_a_created_execution_cancels_it_at_once()
    {
        var id = await RunAsync();

        var cancel = await _client.Workflows.Executions.CancelAsync(id);

        Assert.Equal(new CancelResponse(id, CancelOutcome.Cancelled, ExecutionStatus.Created), cancel);
        var state = await _client.Workflows.Executions.GetAsync(id);
        Assert.Equal(ExecutionStatus.Cancelled, state.Status);
        Assert.NotNull(state.CompletedAt);
    }

    [Fact]
    public async Task Cancel_of_a_pending_execution_cancels_it_at_once()
    {
        var id = await RunAsync();
        _fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        var cancel = await _client.Workflows.Executions.CancelAsync(id);

        Assert.Equal(new CancelResponse(id, CancelOutcome.Cancelled, ExecutionStatus.Pending), cancel);
    }

    [Fact]
    public async Task Cancel_of_a_running_execution_is_requested_and_takes_effect_at_the_next_status_change()
    {
        var id = await RunAsync();
        _fixture.Clock.Advance(TimeSpan.FromSeconds(3));

        var cancel = await _client.Workflows.Executions.CancelAsync(id);

        Assert.Equal(new CancelResponse(id, CancelOutcome.CancellationRequested, ExecutionStatus.Running), cancel);
        Assert.Equal(ExecutionStatus.Running, (await _client.Workflows.Executions.GetAsync(id)).Status);

        _fixture.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(ExecutionStatus.Cancelled, (await _client.Workflows.Executions.GetAsync(id)).Status);
    }

    [Fact]
    public async Task Cancel_of_a_finished_execution_does_nothing_and_says_so()
    {
        var id = await RunAsync();
        _fixture.Clock.Advance(TimeSpan.FromSeconds(11));

        var cancel = await _client.Workflows.Executions.CancelAsync(id);
        var again = await _client.Workflows.Executions.CancelAsync(id);

        Assert.Equal(new CancelResponse(id, CancelOutcome.AlreadyTerminal, ExecutionStatus.Completed), cancel);
        Assert.Equal(cancel, again);
        Assert.Equal(ExecutionStatus.Completed, (await _client.Workflows.Executions.GetAsync(id)).Status);
    }

    [Fact]
    public async Task Cancel_twice_is_idempotent_for_an_execution_already_cancelled()
    {
        var id = await RunAsync();
        await _client.Workflows.Executions.CancelAsync(id);

        var again = await _client.Workflows.Executions.CancelAsync(id);

        Assert.Equal(new CancelResponse(id, CancelOutcome.AlreadyTerminal, ExecutionStatus.Cancelled), again);
    }
}
