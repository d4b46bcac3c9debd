using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.V1;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>
/// A v1 start or rerun is never retried blindly: when the server may have created the run, the caller gets
/// <see cref="EigenpalOutcomeUnknownException"/> after exactly one request, and the metadata it sent finds the run.
/// </summary>
public sealed class V1RunSafetyTests
{
    [Fact]
    public async Task Lost_start_response_is_outcome_unknown_after_one_request_and_the_metadata_finds_the_run()
    {
        await using var sim = await V1Sim.StartAsync(faults: f => { f.LostRunResponseRate = 1; f.Endpoints = [V1EndpointNames.StartRun]; });
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 5);
        var tag = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(V1Sim.Classify("lost", tag)));

        Assert.Equal((V1Sim.ClassifyText, null), (error.WorkflowId, error.SourceRunId));
        Assert.IsType<EigenpalTransportException>(error.InnerException);
        var counters = sim.GetCounters();
        Assert.Equal((1L, 1L, 1L), (counters.RequestsTo(V1EndpointNames.StartRun), counters.ExecutionsCreated, counters.LostResponses));
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);

        // Reconciling: the run created in the window carries our metadata on expand=input.
        var candidates = await V1Sim.ListAllAsync(client, new RunListQuery { CreatedAfter = error.SentAt.AddSeconds(-5) });
        var run = await client.Runs.GetAsync(Assert.Single(candidates).Id, RunExpand.Input);
        Assert.Equal(tag, run.Input!.Metadata!.Value.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Lost_multipart_start_response_is_outcome_unknown_too()
    {
        await using var sim = await V1Sim.StartAsync(faults: f => { f.LostRunResponseRate = 1; f.Endpoints = [V1EndpointNames.StartRun]; });
        using var client = SimulatorClients.Create(sim);

        await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(new RunStartRequest
        {
            Target = V1Sim.ExtractInvoice,
            Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromBytes("Invoice No: L-2"u8.ToArray(), "l.txt") },
        }));

        Assert.Equal((1L, 1L), (sim.GetCounters().ExecutionsCreated, sim.GetCounters().RequestsTo(V1EndpointNames.StartRun)));
    }

    [Fact]
    public async Task Server_error_on_start_is_outcome_unknown_after_one_request_while_gets_are_retried()
    {
        await using var sim = await V1Sim.StartAsync(faults: f => { f.ServerErrorRate = 1; f.Endpoints = [V1EndpointNames.StartRun]; });
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 5);

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(V1Sim.Classify("once")));

        Assert.IsType<EigenpalServerException>(error.InnerException);
        Assert.Equal(1, sim.GetCounters().RequestsTo(V1EndpointNames.StartRun));

        sim.SetFaults(new() { ServerErrorRate = 1, Endpoints = [V1EndpointNames.ListRuns] });
        await Assert.ThrowsAsync<EigenpalServerException>(() => client.Runs.ListAsync());
        Assert.Equal(6, sim.GetCounters().RequestsTo(V1EndpointNames.ListRuns));
    }

    [Fact]
    public async Task Hanging_start_times_out_as_outcome_unknown_without_a_second_request()
    {
        await using var sim = await V1Sim.StartAsync(faults: f => { f.HangRate = 1; f.HangMs = 30_000; f.Endpoints = [V1EndpointNames.StartRun]; });
        using var client = SimulatorClients.Create(sim, o => { o.Timeout = TimeSpan.FromMilliseconds(300); o.MaxRetryAttempts = 5; });

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(V1Sim.Classify("hang")));

        Assert.True(Assert.IsType<EigenpalTransportException>(error.InnerException).IsTimeout);
        var counters = await Eventually.Until(() => Task.FromResult(sim.GetCounters()), c => c.Hung == 1, "the start hung");
        Assert.Equal(1, counters.RequestsTo(V1EndpointNames.StartRun));
    }

    [Fact]
    public async Task Rate_limited_start_is_retried_after_retry_after_and_creates_one_run()
    {
        await using var sim = await V1Sim.StartAsync(faults: f => { f.RateLimitPerSecond = 5; f.RateLimitBurst = 1; f.Endpoints = [V1EndpointNames.StartRun]; });
        using var client = SimulatorClients.Create(sim);

        await client.Runs.StartAsync(V1Sim.Classify("first"));
        var second = await client.Runs.StartAsync(V1Sim.Classify("second"));

        var counters = sim.GetCounters();
        Assert.True(counters.RateLimited >= 1, "the second start should have met a 429");
        Assert.Equal(2, counters.ExecutionsCreated);
        Assert.Equal(0, counters.RequestsBeforeRetryAfter);
        Assert.False(string.IsNullOrEmpty(second.Id));
    }

    [Fact]
    public async Task Lost_rerun_response_is_outcome_unknown_naming_the_source_run_after_one_request()
    {
        await using var sim = await V1Sim.StartAsync();
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 5);
        var source = (await client.Runs.StartAsync(V1Sim.Classify("to rerun"))).Id;
        await V1Sim.FinishedAsync(client, source);
        sim.SetFaults(new() { LostRunResponseRate = 1, Endpoints = [V1EndpointNames.RerunRun] });

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.RerunAsync(source));

        Assert.Equal((source, string.Empty), (error.SourceRunId, error.WorkflowId));
        Assert.Equal(1, sim.GetCounters().RequestsTo(V1EndpointNames.RerunRun));
        Assert.Equal(1, sim.GetCounters().RerunsCreated);

        // Reconciling a lost rerun: the new run links back to its source.
        var linked = (await V1Sim.ListAllAsync(client)).Where(r => r.Execution.Retry?.PreviousRunId == source);
        Assert.Single(linked);
    }

    [Fact]
    public async Task Cancel_is_idempotent_so_server_errors_on_it_are_retried_not_outcome_unknown()
    {
        await using var sim = await V1Sim.StartAsync();
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 2);
        var run = await client.Runs.StartAsync(new RunStartRequest { Target = V1Sim.NormalizeAddress });
        sim.SetFaults(new() { ServerErrorRate = 1, Endpoints = [V1EndpointNames.CancelRun] });

        var error = await Assert.ThrowsAsync<EigenpalServerException>(() => client.Runs.CancelAsync(run.Id));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(3, sim.GetCounters().RequestsTo(V1EndpointNames.CancelRun));
    }
}
