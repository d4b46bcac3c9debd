using System.Net;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>The <c>UndeclaredInputs</c> mode: a strict server refuses an input the workflow does not declare, a lenient one keeps it (as the legacy routes do); the <c>inputSchema</c> says which.</summary>
public sealed class UndeclaredInputsTests
{
    private const string WithColour = """{"target":"workflows.classify-text","input":{"text":"hello","colour":"blue"}}""";

    [Fact]
    public async Task By_default_an_undeclared_input_is_a_400_naming_it_and_the_schema_is_closed()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);

        var (response, body) = await api.StartAsync(WithColour);

        V1Api.AssertEnvelope(response, body, 400, "body.input.colour");
        Assert.Equal(0, host.GetCounters().ExecutionsCreated);
        var (_, automation) = await api.GetAsync("automations/workflows.classify-text");
        Assert.False(automation["inputSchema"]!["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Accepted_keeps_the_undeclared_input_with_the_run_and_opens_the_schema()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.UndeclaredInputs = UndeclaredInputsMode.Accepted);
        using var api = new V1Api(host);

        var (response, body) = await api.StartAsync(WithColour);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = await api.RunAsync(body["id"]!.GetValue<string>(), "input");
        Assert.Equal("blue", run["input"]!["args"]!["colour"]!.GetValue<string>());
        var (_, automation) = await api.GetAsync("automations/workflows.classify-text");
        Assert.True(automation["inputSchema"]!["additionalProperties"]!.GetValue<bool>());
    }
}
