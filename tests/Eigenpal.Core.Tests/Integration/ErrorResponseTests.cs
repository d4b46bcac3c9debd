using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>Each error status the real server sends, mapped to its exception type with the server's details.</summary>
public sealed class ErrorResponseTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task Missing_file_input_is_a_validation_error_naming_the_field()
    {
        var createdBefore = fixture.Sim.GetCounters().ExecutionsCreated;

        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() =>
            _client.Workflows.RunAsync("extract-invoice", new RunRequest()));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("body.input.contract_document", error.Message, StringComparison.Ordinal);
        var issue = Assert.Single(error.Issues);
        Assert.Equal(("body.input.contract_document", "required", "error"), (issue.Field, issue.Code, issue.Severity));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(createdBefore, fixture.Sim.GetCounters().ExecutionsCreated);
    }

    [Fact]
    public async Task Text_given_where_a_file_is_expected_is_a_validation_error()
    {
        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() =>
            _client.Workflows.RunAsync("extract-invoice", new RunRequest { Input = new Dictionary<string, object?> { ["contract_document"] = "not a file" } }));

        Assert.Equal("body.input.contract_document", Assert.Single(error.Issues).Field);
    }

    [Fact]
    public async Task Wrong_api_key_is_an_authentication_error_that_shows_no_key()
    {
        const string WrongKey = "eig_live_WRONG_9a8b7c6d5e4f";
        using var client = SimulatorClients.Create(fixture.Sim.BaseUrl.ToString(), WrongKey);
        var unauthorizedBefore = fixture.Sim.GetCounters().Unauthorized;

        var error = await Assert.ThrowsAsync<EigenpalAuthenticationException>(() => client.Workflows.ListAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Missing or invalid API key.", error.Message);
        Assert.Equal(unauthorizedBefore + 1, fixture.Sim.GetCounters().Unauthorized);
        SimulatorClients.AssertNoKeyIn(error, WrongKey, SimulatorClients.SecretKey);
    }

    [Fact]
    public async Task Run_of_a_workflow_with_api_triggering_off_is_forbidden()
    {
        var error = await Assert.ThrowsAsync<EigenpalForbiddenException>(() =>
            _client.Workflows.RunAsync("archived-flow", new RunRequest()));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("archived-flow", error.Message, StringComparison.Ordinal);
        Assert.Equal("path.id", Assert.Single(error.Envelope!.Issues).Field);
    }

    [Fact]
    public async Task Unknown_workflow_is_not_found_on_get_run_and_list()
    {
        var get = await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Workflows.GetAsync("wf_does_not_exist"));
        var run = await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Workflows.RunAsync("no-such-flow", new RunRequest()));
        var list = await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Workflows.Executions.ListAsync("no-such-flow"));

        Assert.All(new EigenpalException[] { get, run, list }, e =>
        {
            Assert.Equal(404, e.StatusCode);
            Assert.False(string.IsNullOrEmpty(e.RequestId));
        });
        Assert.Contains("wf_does_not_exist", get.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_execution_is_not_found_on_get_and_cancel()
    {
        var get = await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Workflows.Executions.GetAsync("exec_nope"));
        var cancel = await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Workflows.Executions.CancelAsync("exec_nope"));

        Assert.Contains("exec_nope", get.Message, StringComparison.Ordinal);
        Assert.Equal(404, cancel.StatusCode);
    }

    [Fact]
    public async Task Unknown_version_is_not_found_and_creates_nothing()
    {
        var runsBefore = fixture.Sim.GetCounters().RequestsTo(EndpointNames.RunWorkflow);

        var error = await Assert.ThrowsAsync<EigenpalNotFoundException>(() =>
            _client.Workflows.RunAsync("classify-text", new RunRequest { Input = new Dictionary<string, object?> { ["text"] = "x" }, Version = "9.9.9" }));

        Assert.Equal("query.version", Assert.Single(error.Envelope!.Issues).Field);
        Assert.Equal(runsBefore + 1, fixture.Sim.GetCounters().RequestsTo(EndpointNames.RunWorkflow));
    }
}
