using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Api.Http;

namespace Eigenpal.Core.Tests.Api;

public sealed class WireFormatTests
{
    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(json, info)!;

    [Fact]
    public void Async_run_answer_carries_only_the_execution_id()
    {
        var run = Read("""{"executionId":"exec_xyz"}""", EigenpalJsonContext.Default.RunResponse);
        Assert.Equal("exec_xyz", run.ExecutionId);
        Assert.Null(run.Status);
        Assert.Null(run.Result);
        Assert.Null(run.Error);
    }

    [Fact]
    public void Synchronous_run_answer_carries_status_and_result()
    {
        var run = Read("""{"executionId":"exec_1","status":"completed","result":{"total":42.5},"error":null}""", EigenpalJsonContext.Default.RunResponse);
        Assert.Equal(ExecutionStatus.Completed, run.Status);
        Assert.Equal(42.5, run.Result!.Value.GetProperty("total").GetDouble());
    }

    [Fact]
    public void Run_answer_without_execution_id_is_rejected()
    {
        Assert.Throws<JsonException>(() => Read("""{"status":"completed"}""", EigenpalJsonContext.Default.RunResponse));
    }

    [Fact]
    public void Cancel_answer_decodes_outcome_and_previous_status()
    {
        var cancel = Read("""{"executionId":"exec_1","status":"cancelled","wasStatus":"pending"}""", EigenpalJsonContext.Default.CancelResponse);
        Assert.Equal(new CancelResponse("exec_1", CancelOutcome.Cancelled, ExecutionStatus.Pending), cancel);
        Assert.Equal(
            CancelOutcome.CancellationRequested,
            Read("""{"executionId":"e","status":"cancellation-requested","wasStatus":"running"}""", EigenpalJsonContext.Default.CancelResponse).Status);
        Assert.Equal(
            CancelOutcome.AlreadyTerminal,
            Read("""{"executionId":"e","status":"already-terminal","wasStatus":"completed"}""", EigenpalJsonContext.Default.CancelResponse).Status);
    }

    [Fact]
    public void Polls_going_from_running_to_completed_decode()
    {
        var running = Read("""{"executionId":"exec_1","status":"running","createdAt":"2025-01-02T03:04:05.678Z"}""", EigenpalJsonContext.Default.ExecutionStatusResponse);
        Assert.Equal(ExecutionStatus.Running, running.Status);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), running.CreatedAt);
        Assert.Null(running.CompletedAt);

        var done = Read(
            """{"executionId":"exec_1","status":"completed","createdAt":"2025-01-02T03:04:05Z","completedAt":"2025-01-02T03:04:09.5+00:00","result":{"invoiceNumber":"INV-1"},"error":null}""",
            EigenpalJsonContext.Default.ExecutionStatusResponse);
        Assert.True(done.Status.IsTerminal());
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 9, 500, TimeSpan.Zero), done.CompletedAt);
        Assert.Equal("INV-1", done.Result!.Value.GetProperty("invoiceNumber").GetString());
    }

    [Fact]
    public void Observability_decodes_phases_and_failure()
    {
        var state = Read(
            """
            {"executionId":"exec_1","status":"failed","createdAt":"2025-01-02T03:04:05Z","error":"boom",
             "observability":{"phases":[{"executionId":"exec_1","phase":"running","phaseOrder":5,"status":"failed","startedAt":"2025-01-02T03:04:06Z","completedAt":null,"message":null,"failureCode":"E1","durationMs":1200}],
               "derived":false,"currentPhase":"running",
               "failure":{"phase":"running","code":"E1","category":"runtime","retryable":true,"userMessage":"try again","occurredAt":"2025-01-02T03:04:07Z"}}}
            """,
            EigenpalJsonContext.Default.ExecutionStatusResponse);
        var observability = state.Observability!;
        Assert.Single(observability.Phases);
        Assert.Equal(5, observability.Phases[0].PhaseOrder);
        Assert.Equal(1200, observability.Phases[0].DurationMs);
        Assert.Equal("runtime", observability.Failure!.Category);
        Assert.True(observability.Failure.Retryable);
        Assert.Null(observability.Failure.Provider);
    }

    [Fact]
    public void Execution_list_page_decodes_items_with_optional_keys()
    {
        var page = Read(
            """
            {"data":[
              {"id":"exec_1","workflowId":"wf_1","status":"completed","createdAt":"2025-01-01T00:00:00Z","triggerType":"api","triggerInput":{"file":"a.pdf"},"result":{"x":1},"error":null,"startedAt":"2025-01-01T00:00:01Z","completedAt":"2025-01-01T00:00:03Z","workflow":{"id":"wf_1","name":"extract-invoice"}},
              {"id":"exec_2","workflowId":"wf_1","status":"pending","createdAt":"2025-01-01T00:00:00Z","workflow":null}
            ],"total":2,"limit":50,"offset":0}
            """,
            EigenpalJsonContext.Default.PagedListExecutionSummary);
        Assert.Equal(2, page.Total);
        Assert.Equal("a.pdf", page.Data[0].TriggerInput!.Value.GetProperty("file").GetString());
        Assert.Equal(new WorkflowRef("wf_1", "extract-invoice"), page.Data[0].Workflow);
        Assert.Null(page.Data[1].Workflow);
        Assert.Null(page.Data[1].DurationMs);
    }

    [Fact]
    public void Workflow_shapes_decode()
    {
        var list = Read(
            """{"data":[{"id":"wf_abc123","name":"extract-invoice","version":"1.2.4","createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-02-01T00:00:00Z"},{"id":"wf_new","name":null,"version":null,"createdAt":"2025-01-01T00:00:00Z"}],"total":2,"limit":5,"offset":0}""",
            EigenpalJsonContext.Default.PagedListWorkflowSummary);
        Assert.Equal("extract-invoice", list.Data[0].Name);
        Assert.Null(list.Data[1].Version);

        var detail = Read("""{"id":"wf_abc123","createdAt":"2025-01-01T00:00:00Z","name":"extract-invoice"}""", EigenpalJsonContext.Default.WorkflowDetail);
        Assert.Null(detail.YamlContent);

        var versions = Read(
            """{"data":[{"id":"wfh_xyz","workflowId":"wf_abc123","version":"1.2.4","yamlContent":"name: x","isCurrent":true,"createdAt":"2025-01-01T00:00:00Z"}],"total":1,"limit":50,"offset":0}""",
            EigenpalJsonContext.Default.PagedListWorkflowVersion);
        Assert.True(versions.Data[0].IsCurrent);
    }

    [Fact]
    public void Unknown_status_fails_decoding_like_the_official_sdk()
    {
        Assert.Throws<JsonException>(() =>
            Read("""{"executionId":"e","status":"exploded","createdAt":"2025-01-01T00:00:00Z"}""", EigenpalJsonContext.Default.ExecutionStatusResponse));
    }

    [Fact]
    public void Error_envelope_is_read_leniently()
    {
        var envelope = ErrorMapper.ParseEnvelope(Encoding.UTF8.GetBytes(
            """{"issues":[{"field":"body.input","message":"is required","code":"required","severity":"error"}],"requestId":"req_1","hint":"send input","docsUrl":"https://docs"}"""))!;
        Assert.Equal(new ApiIssue("body.input", "is required", "required", "error"), envelope.Issues[0]);
        Assert.Equal("req_1", envelope.RequestId);
        Assert.Equal("send input", envelope.Hint);
        Assert.Null(ErrorMapper.ParseEnvelope(Encoding.UTF8.GetBytes("<html>")));
        Assert.Null(ErrorMapper.ParseEnvelope("[1]"u8));
    }

    [Theory]
    [InlineData(400, typeof(EigenpalValidationException), "body.input: is required")]
    [InlineData(401, typeof(EigenpalAuthenticationException), "is required")]
    [InlineData(403, typeof(EigenpalForbiddenException), "is required")]
    [InlineData(404, typeof(EigenpalNotFoundException), "is required")]
    [InlineData(429, typeof(EigenpalRateLimitException), "rate limit exceeded")]
    [InlineData(500, typeof(EigenpalServerException), "is required")]
    [InlineData(503, typeof(EigenpalServerException), "is required")]
    [InlineData(409, typeof(EigenpalException), "unexpected status 409")]
    [InlineData(302, typeof(EigenpalException), "unexpected status 302")]
    public void Status_maps_to_error_kind_and_message(int status, Type kind, string message)
    {
        var envelope = new ErrorEnvelope([new ApiIssue("body.input", "is required", "required", "error")], "req_body");
        var error = ErrorMapper.Map((System.Net.HttpStatusCode)status, envelope, null, null, "key");
        Assert.IsType(kind, error);
        Assert.Equal(message, error.Message);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("req_body", error.RequestId);
    }

    [Theory]
    [InlineData(400, "validation error")]
    [InlineData(401, ErrorMapper.AuthenticationDefault)]
    [InlineData(403, "forbidden")]
    [InlineData(404, "not found")]
    [InlineData(500, "internal server error")]
    public void Errors_without_issues_get_default_messages(int status, string message)
    {
        var error = ErrorMapper.Map((System.Net.HttpStatusCode)status, null, "req_header", null, "key");
        Assert.Equal(message, error.Message);
        Assert.Equal("req_header", error.RequestId);
    }

    [Fact]
    public void Header_request_id_wins_over_the_envelope()
    {
        var error = ErrorMapper.Map(System.Net.HttpStatusCode.NotFound, new ErrorEnvelope([], "req_body"), "req_header", null, "key");
        Assert.Equal("req_header", error.RequestId);
    }

    [Fact]
    public void A_server_message_echoing_the_api_key_is_redacted()
    {
        var envelope = new ErrorEnvelope([new ApiIssue("<root>", "bad key eig_live_SECRET", "unauthorized", "error")], "r");
        var error = ErrorMapper.Map(System.Net.HttpStatusCode.Unauthorized, envelope, null, null, "eig_live_SECRET");
        Assert.DoesNotContain("eig_live_SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_run_body_has_only_the_given_keys()
    {
        Assert.Equal("{}", Encoding.UTF8.GetString(RunContent.SerializeJson(new RunRequest(), new RunRequest().Input)));

        var withInput = new RunRequest { Input = new Dictionary<string, object?> { ["foo"] = "bar" } };
        Assert.Equal("""{"input":{"foo":"bar"}}""", Encoding.UTF8.GetString(RunContent.SerializeJson(withInput, withInput.Input)));

        var full = new RunRequest
        {
            Input = new Dictionary<string, object?>
            {
                ["n"] = 3,
                ["node"] = new JsonObject { ["a"] = 1 },
                ["element"] = JsonDocument.Parse("[1,2]").RootElement,
                ["record"] = new { InvoiceNumber = "INV-1" },
                ["none"] = null,
            },
            Overrides = new JsonObject { ["steps"] = new JsonObject { ["parse"] = new JsonObject { ["ok"] = true } } },
            Trigger = RunTrigger.Cli,
            Version = "1.2.3",
        };
        Assert.Equal(
            """{"input":{"n":3,"node":{"a":1},"element":[1,2],"record":{"invoiceNumber":"INV-1"},"none":null},"overrides":{"steps":{"parse":{"ok":true}}},"trigger":"cli"}""",
            Encoding.UTF8.GetString(RunContent.SerializeJson(full, full.Input)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Wait_for_completion_outside_1_to_60_is_rejected_locally(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunRequest { WaitForCompletionSeconds = seconds });
    }

    [Fact]
    public void Date_bounds_have_a_wire_form()
    {
        DateBound instant = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        Assert.Equal("2025-03-04T03:06:07.0000000Z", instant.ToString());
        Assert.Equal("now()", DateBound.Relative("now()").ToString());
        Assert.Equal("now()-7d", DateBound.Relative("now()-7d").ToString());
        Assert.Equal("now()-12h", DateBound.Relative("now()-12h").ToString());
        Assert.Equal("now()-30m", DateBound.Relative("now()-30m").ToString());
        Assert.Throws<ArgumentException>(() => DateBound.Relative("yesterday"));
        Assert.Throws<ArgumentException>(() => DateBound.Relative("now()-7"));
        Assert.Throws<ArgumentException>(() => DateBound.Relative("now() - 7d"));
    }

    [Fact]
    public void Execution_status_wire_names_round_trip()
    {
        foreach (var status in Enum.GetValues<ExecutionStatus>())
        {
            Assert.True(ExecutionStatusExtensions.TryParse(status.ToWireName(), out var parsed));
            Assert.Equal(status, parsed);
            Assert.Equal($"\"{status.ToWireName()}\"", JsonSerializer.Serialize(status, EigenpalJsonContext.Default.Options));
        }

        Assert.False(ExecutionStatusExtensions.TryParse("Completed", out _));
        Assert.Equal(
            [ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled, ExecutionStatus.Rejected],
            Enum.GetValues<ExecutionStatus>().Where(s => s.IsTerminal()));
    }

    [Fact]
    public void Run_files_guess_their_content_type()
    {
        Assert.Equal("application/pdf", RunFile.FromBytes(new byte[] { 1 }, "invoice.PDF").ContentType);
        Assert.Equal("image/png", RunFile.FromBytes(new byte[] { 1 }, "scan.png").ContentType);
        Assert.Equal("application/octet-stream", RunFile.FromBytes(new byte[] { 1 }, "blob.weird").ContentType);
        Assert.Equal("text/x-custom", RunFile.FromBytes(new byte[] { 1 }, "a.pdf", "text/x-custom").ContentType);
        Assert.Equal("invoice.pdf", RunFile.FromPath("/tmp/in/invoice.pdf").FileName);
    }
}
