using System.Text.Json;
using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>Run-and-wait polling against executions that really progress on the simulator.</summary>
public sealed class RunAndWaitTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task Run_and_wait_polls_until_completed_and_returns_the_result()
    {
        var pollsBefore = fixture.Sim.GetCounters().RequestsTo(EndpointNames.GetExecution);

        var result = await _client.Workflows.Executions.RunAndWaitAsync(
            "classify-text",
            new RunRequest { Input = new Dictionary<string, object?> { ["text"] = "Dear team, the invoice total is attached" } },
            pollInterval: TimeSpan.FromMilliseconds(10),
            timeout: TimeSpan.FromSeconds(10));

        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal(JsonValueKind.Object, result.Result?.ValueKind);
        Assert.Null(result.Error);
        Assert.StartsWith("exec_", result.ExecutionId, StringComparison.Ordinal);
        Assert.True(fixture.Sim.GetCounters().RequestsTo(EndpointNames.GetExecution) > pollsBefore);
    }

    [Fact]
    public async Task Run_and_wait_with_files_completes_too()
    {
        var result = await _client.Workflows.Executions.RunAndWaitAsync(
            "extract-invoice",
            new RunRequest { Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromBytes("Invoice No: RW-7\nTotal: 5.00 EUR"u8.ToArray(), "rw.txt") } },
            pollInterval: TimeSpan.FromMilliseconds(10),
            timeout: TimeSpan.FromSeconds(10));

        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal("RW-7", result.Result?.GetProperty("invoiceNumber").GetString());
    }

    [Fact]
    public async Task Run_and_wait_timeout_names_the_execution_and_leaves_it_running()
    {
        var error = await Assert.ThrowsAsync<EigenpalTimeoutException>(() => _client.Workflows.Executions.RunAndWaitAsync(
            "normalize-address",
            new RunRequest(),
            pollInterval: TimeSpan.FromMilliseconds(50),
            timeout: TimeSpan.FromMilliseconds(300)));

        Assert.StartsWith("exec_", error.ExecutionId, StringComparison.Ordinal);
        Assert.Contains(error.ExecutionId, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.StatusCode);
        var state = await _client.Workflows.Executions.GetAsync(error.ExecutionId);
        Assert.False(state.Status.IsTerminal());
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);
    }
}
