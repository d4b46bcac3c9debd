using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>Rerun over real HTTP: a new run from the stored input, linked to its source, on the latest or the original version.</summary>
public sealed class V1RerunTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task Rerun_makes_a_new_run_from_the_stored_input_linked_both_ways()
    {
        var source = (await _client.Runs.StartAsync(V1Sim.Classify("rerun me") with { Version = "0.9.0" })).Id;
        await V1Sim.FinishedAsync(_client, source);

        var rerun = await _client.Runs.RerunAsync(source);

        Assert.Equal(201, rerun.StatusCode);
        Assert.NotEqual(source, rerun.Id);
        var run = await _client.Runs.GetAsync(rerun.Id, RunExpand.Input);
        Assert.Equal("rerun me", run.Input!.Args!.Value.GetProperty("text").GetString());
        Assert.Equal((1, source), (run.Execution.Retry!.Number, run.Execution.Retry.PreviousRunId));
        Assert.Equal("1.0.0", run.Source.Version);
        Assert.Equal(rerun.Id, (await _client.Runs.GetAsync(source)).Execution.Retry!.NextRun!.Id);
    }

    [Fact]
    public async Task Rerun_on_the_original_version_keeps_the_source_version_and_can_wait()
    {
        var source = (await _client.Runs.StartAsync(V1Sim.Classify("pinned") with { Version = "0.9.0" })).Id;
        await V1Sim.FinishedAsync(_client, source);

        var rerun = await _client.Runs.RerunAsync(source, new RerunRequest { Version = RerunRequest.OriginalVersion, WaitForCompletionSeconds = 30 });

        Assert.Equal(200, rerun.StatusCode);
        Assert.True(rerun.Finished);
        Assert.Equal("0.9.0", rerun.Run!.Source.Version);
    }

    [Fact]
    public async Task Rerun_with_the_chain_left_empty_still_gives_a_new_run()
    {
        await using var sim = await V1Sim.StartAsync(m => m.RerunChain = RerunChainMode.Empty);
        using var client = SimulatorClients.Create(sim);
        var source = (await client.Runs.StartAsync(V1Sim.Classify("no chain"))).Id;

        var rerun = await client.Runs.RerunAsync(source);

        var run = await client.Runs.GetAsync(rerun.Id);
        Assert.Null(run.Execution.Retry?.PreviousRunId);
    }
}
