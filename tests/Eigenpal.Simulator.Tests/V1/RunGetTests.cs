using System.Net;
using System.Text;
using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary><c>GET /v1/runs/{id}</c>: the Run's exact keys, the expand sections, and one engine behind both surfaces.</summary>
public sealed class RunGetTests(V1Fixture fixture) : IClassFixture<V1Fixture>
{
    private readonly V1Api api = fixture.Api;

    [Fact]
    public async Task A_run_in_flight_carries_every_required_key_with_nulls_where_unknown()
    {
        await using var host = await V1Fixture.StartAsync(o =>
            o.Workflows["classify-text"] = new Options.WorkflowBehaviourOptions { Duration = Options.DurationOptions.Fixed(600_000), FailureRate = 0 });
        using var slow = new V1Api(host);
        var run = await slow.RunAsync(await slow.StartTextAsync("in flight"));
        Assert.Equal(["execution", "finished", "id", "sampleRank", "source", "timing", "trigger", "type"], Keys(run));
        Assert.Equal(["cancelRequestedAt", "completedAt", "createdAt", "durationMs", "startedAt"], Keys(run["timing"]));
        Assert.Null(run["timing"]!["completedAt"]);
        Assert.Equal(["batchId", "retry", "schemaValid", "status"], Keys(run["execution"]));
        Assert.Equal(["nextRun", "number", "previousRunId"], Keys(run["execution"]!["retry"]));
        Assert.Equal(["by", "type"], Keys(run["trigger"]));
        var rank = run["sampleRank"]!.GetValue<double>();
        Assert.InRange(rank, 0, 0.9999999);
    }

    [Fact]
    public async Task A_completed_run_adds_output_and_files_and_expand_input_shows_args_and_metadata()
    {
        var id = await api.StartTextAsync("an invoice", """{"submission":"s-1","attempt":2,"price":1.50}""");
        var run = await api.WhenFinishedAsync(id);
        Assert.Equal(["execution", "files", "finished", "id", "output", "sampleRank", "source", "timing", "trigger", "type"], Keys(run));
        Assert.Equal("invoice", run["output"]!["label"]!.GetValue<string>());
        Assert.NotNull(run["timing"]!["durationMs"]);

        var document = await api.Http.GetStringAsync($"v1/runs/{id}?expand=input");
        Assert.Contains("\"metadata\":{\"submission\":\"s-1\",\"attempt\":2,\"price\":1.50}", document, StringComparison.Ordinal);
        var expanded = await api.RunAsync(id, "input");
        Assert.Equal("an invoice", expanded["input"]!["args"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task File_inputs_show_in_args_as_run_scoped_references()
    {
        var (_, started) = await api.StartFileAsync(Encoding.UTF8.GetBytes("Total: 1.00 EUR"), "f.txt");
        var run = await api.RunAsync(started["id"]!.GetValue<string>(), "input");
        Assert.Equal("input/contract_document", run["input"]!["args"]!["contract_document"]!["$file"]!.GetValue<string>());
        Assert.False(run["input"]!.AsObject().ContainsKey("metadata"));
    }

    [Fact]
    public async Task Expand_execution_debug_and_usage_add_their_sections()
    {
        var id = await api.StartTextAsync("sections");
        await api.WhenFinishedAsync(id);
        var run = await api.RunAsync(id, "execution,debug,usage");
        Assert.NotEmpty(run["execution"]!["steps"]!.AsArray());
        Assert.NotNull(run["debug"]!["observability"]!["phases"]);
        Assert.Equal(["creditsCharged", "durationMs", "llmCallCount", "ocrPagesProcessed", "tokens"], Keys(run["usage"]));
    }

    [Theory]
    [InlineData("runs/exec_missing", 404, "path.id")]
    [InlineData("runs/exec_missing?expand=everything", 400, "query.expand")]
    [InlineData("nothing/here", 404, "<root>")]
    public async Task Unknown_runs_tokens_and_routes_are_envelopes(string path, int status, string field)
    {
        var (response, body) = await api.GetAsync(path);
        V1Api.AssertEnvelope(response, body, status, field);
    }

    [Fact]
    public async Task A_legacy_execution_is_a_v1_run_and_a_v1_run_is_a_legacy_execution()
    {
        using var legacy = new Api(fixture.Host);
        var executionId = await legacy.RunTextAsync("started on legacy");
        var asRun = await api.RunAsync(executionId, "input");
        Assert.Equal("started on legacy", asRun["input"]!["args"]!["text"]!.GetValue<string>());
        Assert.Equal(0, asRun["execution"]!["retry"]!["number"]!.GetValue<int>());

        var runId = await api.StartTextAsync("started on v1");
        var asExecution = await legacy.ExecutionAsync(runId);
        Assert.Equal(runId, asExecution["executionId"]!.GetValue<string>());
        var listed = await legacy.ListedAsync("classify-text", runId);
        Assert.Equal("started on v1", listed["triggerInput"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Both_prefixes_serve_the_same_runs()
    {
        var id = await api.StartTextAsync("prefixes");
        using var apiV1 = new V1Api(fixture.Host, "api/v1");
        Assert.Equal(id, (await apiV1.RunAsync(id))["id"]!.GetValue<string>());
        var (response, _) = await apiV1.GetAsync("auth/check");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
