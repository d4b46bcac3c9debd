using System.Net;
using System.Text;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Modes;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary><c>POST /v1/runs</c>: both body forms, the three success codes, and every refusal.</summary>
public sealed class RunStartTests(V1Fixture fixture) : IClassFixture<V1Fixture>
{
    private readonly V1Api api = fixture.Api;

    [Fact]
    public async Task A_json_start_without_wait_is_201_with_a_RunAccepted()
    {
        var (response, body) = await api.StartAsync("""{"target":"workflows.classify-text","input":{"text":"hello"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["finished", "id", "source", "type"], Keys(body));
        Assert.StartsWith("exec_", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(body["finished"]!.GetValue<bool>());
        Assert.Equal("workflow", body["type"]!.GetValue<string>());
        Assert.Equal(["id", "name", "version", "versionId"], Keys(body["source"]));
        Assert.Equal("wf_c3p9classifytx", body["source"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_multipart_start_takes_files_parts_and_runs_on_their_bytes()
    {
        var (response, body) = await api.StartFileAsync(Encoding.UTF8.GetBytes("Invoice No: A-1\nTotal: 12.50 EUR"), "a.txt", """{"batch":"b1"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = await api.WhenFinishedAsync(body["id"]!.GetValue<string>());
        Assert.Equal("completed", run["execution"]!["status"]!.GetValue<string>());
        Assert.Equal("A-1", run["output"]!["invoiceNumber"]!.GetValue<string>());
        Assert.Equal("a.txt", run["output"]!["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_start_that_ends_within_the_wait_is_200_with_the_full_run()
    {
        var (response, body) = await api.StartAsync("""{"target":"workflows.classify-text","input":{"text":"wait for me"}}""", "?wait_for_completion=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["finished"]!.GetValue<bool>());
        Assert.Equal("completed", body["execution"]!["status"]!.GetValue<string>());
        Assert.NotNull(body["output"]);
        Assert.NotNull(body["timing"]!["completedAt"]);
    }

    [Theory]
    [InlineData(WaitTimeoutBodyMode.Run)]
    [InlineData(WaitTimeoutBodyMode.Accepted)]
    public async Task A_wait_that_runs_out_is_202_with_the_body_the_mode_says(WaitTimeoutBodyMode mode)
    {
        await using var host = await V1Fixture.StartAsync(o =>
        {
            o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(400_000), FailureRate = 0 };
            o.Modes.WaitTimeoutBody = mode;
        });
        using var slow = new V1Api(host);
        var (response, body) = await slow.StartAsync("""{"target":"workflows.classify-text","input":{"text":"slow"}}""", "?wait_for_completion=1");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(body["finished"]!.GetValue<bool>());
        Assert.Equal(mode == WaitTimeoutBodyMode.Run, body.ContainsKey("timing"));
    }

    [Fact]
    public async Task A_wait_of_zero_does_not_wait()
    {
        var (response, _) = await api.StartAsync("""{"target":"workflows.classify-text","input":{"text":"no wait"}}""", "?wait_for_completion=0");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Version_and_trigger_are_taken_from_query_and_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/runs?version=0.9.0")
        {
            Content = V1Api.Json("""{"target":"workflows.classify-text","input":{"text":"pinned"}}"""),
        };
        request.Headers.Add("X-Eigenpal-Trigger", "cli");
        var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("0.9.0", body["source"]!["version"]!.GetValue<string>());
        var run = await api.RunAsync(body["id"]!.GetValue<string>());
        Assert.Equal("cli", run["trigger"]!["type"]!.GetValue<string>());
        Assert.Null(run["trigger"]!["by"]);
    }

    [Fact]
    public async Task A_workflow_id_works_as_a_target_too()
    {
        var (response, body) = await api.StartAsync("""{"target":"workflows.wf_c3p9classifytx","input":{"text":"by id"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("classify-text", body["source"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"target":"workflows.nope","input":{}}""", "", 404, "body.target")]
    [InlineData("""{"target":"agents.classify-text","input":{}}""", "", 404, "body.target")]
    [InlineData("""{"target":"classify-text","input":{"text":"x"}}""", "", 404, "body.target")]
    [InlineData("""{"input":{"text":"x"}}""", "", 400, "body.target")]
    [InlineData("""{"target":"workflows.classify-text","input":{"text":"x"}}""", "?version=9.9.9", 404, "query.version")]
    [InlineData("""{"target":"workflows.classify-text","input":{"text":"x"}}""", "?version=", 400, "query.version")]
    [InlineData("""{"target":"workflows.classify-text","input":{"text":"x"}}""", "?wait_for_completion=601", 400, "query.wait_for_completion")]
    [InlineData("""{"target":"workflows.classify-text","input":{"text":"x"}}""", "?wait_for_completion=-1", 400, "query.wait_for_completion")]
    [InlineData("""{"target":"workflows.classify-text","input":{}}""", "", 400, "body.input.text")]
    [InlineData("""{"target":"workflows.classify-text","input":{"text":3}}""", "", 400, "body.input.text")]
    [InlineData("""{"target":"workflows.classify-text","input":{"text":"x","extra":1}}""", "", 400, "body.input.extra")]
    [InlineData("""{"target":"workflows.extract-invoice","input":{"contract_document":"not a file"}}""", "", 400, "body.input.contract_document")]
    [InlineData("""{"target":"workflows.classify-text","input":{"text":"x"},"metadata":[1]}""", "", 400, "body.metadata")]
    [InlineData("""{"target":"workflows.classify-text","input":"x"}""", "", 400, "body.input")]
    [InlineData("""[1,2]""", "", 400, "body")]
    [InlineData("""{"target":"workflows.archived-flow","input":{}}""", "", 403, "body.target")]
    public async Task Refusals_are_envelopes_naming_the_field(string json, string query, int status, string field)
    {
        var (response, body) = await api.StartAsync(json, query);
        V1Api.AssertEnvelope(response, body, status, field);
        if (status == 403)
        {
            Assert.Equal("api_trigger_disabled", body["issues"]![0]!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_unknown_trigger_header_is_a_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/runs") { Content = V1Api.Json("""{"target":"workflows.classify-text","input":{"text":"x"}}""") };
        request.Headers.Add("X-Eigenpal-Trigger", "robot");
        var response = await api.Http.SendAsync(request);
        V1Api.AssertEnvelope(response, await BodyAsync(response), 400, "headers.x-eigenpal-trigger");
    }

    [Fact]
    public async Task A_file_part_not_named_files_dot_input_is_a_400()
    {
        var (response, body) = await api.StartFileAsync([1, 2, 3], "legacy.txt", partName: "contract_document");
        V1Api.AssertEnvelope(response, body, 400, "body.contract_document");
    }

    [Fact]
    public async Task A_multipart_start_with_bad_json_fields_is_a_400()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("workflows.classify-text"), "target" },
            { new StringContent("{not json"), "input" },
        };
        var (response, body) = await api.PostAsync("runs", form);
        V1Api.AssertEnvelope(response, body, 400, "body.input");
    }
}
