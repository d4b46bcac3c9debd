using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>
/// A run request is never retried blindly: when the server may have created the execution, the
/// caller gets <see cref="EigenpalOutcomeUnknownException"/> after exactly one request.
/// </summary>
public sealed class RunSafetyTests
{
    private static RunRequest Classify(string text) => new() { Input = new Dictionary<string, object?> { ["text"] = text } };

    [Fact]
    public async Task Server_error_on_run_is_outcome_unknown_after_one_request()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.ServerErrorRate = 1; f.Endpoints = [EndpointNames.RunWorkflow]; });
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 5);

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("classify-text", Classify("once")));

        Assert.Equal("classify-text", error.WorkflowId);
        Assert.Equal(500, error.StatusCode);
        Assert.IsType<EigenpalServerException>(error.InnerException);
        Assert.Equal(1, sim.GetCounters().RequestsTo(EndpointNames.RunWorkflow));
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);

        // Idempotent calls on the same client still retry: the rule is about runs only.
        sim.SetFaults(new() { ServerErrorRate = 1, Endpoints = [EndpointNames.ListWorkflows] });
        await Assert.ThrowsAsync<EigenpalServerException>(() => client.Workflows.ListAsync());
        Assert.Equal(6, sim.GetCounters().RequestsTo(EndpointNames.ListWorkflows));
    }

    [Fact]
    public async Task Lost_run_response_is_outcome_unknown_and_the_run_is_not_sent_again()
    {
        await using var sim = await FaultySimulator.StartAsync(f => f.LostRunResponseRate = 1);
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 5);
        var text = $"lost {Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("classify-text", Classify(text)));

        var counters = sim.GetCounters();
        Assert.Equal(1, counters.ExecutionsCreated);
        Assert.Equal(1, counters.LostResponses);
        Assert.Equal(1, counters.RequestsTo(EndpointNames.RunWorkflow));
        Assert.IsType<EigenpalTransportException>(error.InnerException);
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);

        // The execution exists and can be found by its input, which is how a caller reconciles.
        var listed = await client.Workflows.Executions.ListAsync("classify-text");
        Assert.Equal(text, Assert.Single(listed.Data).TriggerInput?.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Lost_multipart_run_response_is_outcome_unknown_too()
    {
        await using var sim = await FaultySimulator.StartAsync(f => f.LostRunResponseRate = 1);
        using var client = SimulatorClients.Create(sim);

        await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("extract-invoice", new RunRequest
        {
            Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromBytes("Invoice No: L-1"u8.ToArray(), "l.txt") },
        }));

        Assert.Equal((1, 1), (sim.GetCounters().ExecutionsCreated, sim.GetCounters().RequestsTo(EndpointNames.RunWorkflow)));
    }

    [Fact]
    public async Task Hanging_run_times_out_as_outcome_unknown_without_a_second_request()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.HangRate = 1; f.HangMs = 30_000; f.Endpoints = [EndpointNames.RunWorkflow]; });
        using var client = SimulatorClients.Create(sim, o => { o.Timeout = TimeSpan.FromMilliseconds(300); o.MaxRetryAttempts = 5; });

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("classify-text", Classify("hang")));

        Assert.True(Assert.IsType<EigenpalTransportException>(error.InnerException).IsTimeout);
        var counters = await Eventually.Until(() => Task.FromResult(sim.GetCounters()), c => c.Hung == 1, "the run hung");
        Assert.Equal(1, counters.RequestsTo(EndpointNames.RunWorkflow));
    }

    [Fact]
    public async Task Run_to_a_port_nobody_listens_on_is_a_transport_error_because_nothing_was_sent()
    {
        string baseUrl;
        await using (var gone = await FaultySimulator.StartAsync(_ => { }))
        {
            baseUrl = gone.BaseUrl.ToString();
        }

        using var client = SimulatorClients.Create(baseUrl, SimulatorClients.SecretKey, o => o.MaxRetryAttempts = 1);

        var error = await Assert.ThrowsAsync<EigenpalTransportException>(() => client.Workflows.RunAsync("classify-text", Classify("nobody home")));

        Assert.False(error.IsTimeout);
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);
    }

    [Fact]
    public async Task Cancel_is_idempotent_so_server_errors_on_it_are_retried_not_outcome_unknown()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.ServerErrorRate = 1; f.Endpoints = [EndpointNames.CancelExecution]; });
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 2);
        var run = await client.Workflows.RunAsync("normalize-address", new RunRequest());

        var error = await Assert.ThrowsAsync<EigenpalServerException>(() => client.Workflows.Executions.CancelAsync(run.ExecutionId));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(3, sim.GetCounters().RequestsTo(EndpointNames.CancelExecution));
    }
}
