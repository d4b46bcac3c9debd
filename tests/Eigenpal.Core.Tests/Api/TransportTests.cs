using System.Text;
using Eigenpal.Api;

namespace Eigenpal.Core.Tests.Api;

public sealed class TransportTests
{
    private const string Running = """{"executionId":"exec_1","status":"running","createdAt":"2025-01-01T00:00:00Z"}""";
    private const string Envelope = """{"issues":[{"field":"body.input","message":"is required","code":"required","severity":"error"}],"requestId":"req_body"}""";

    private static RunRequest SimpleRun => new() { Input = new Dictionary<string, object?> { ["foo"] = "bar" } };

    [Fact]
    public async Task Every_request_carries_auth_and_sdk_headers()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, Running));
        using var client = TestClients.Create(api);

        await client.Workflows.Executions.GetAsync("exec_1");

        var request = Assert.Single(api.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/v1/workflows/executions/exec_1", request.RawUrl);
        Assert.Equal($"Bearer {TestClients.ApiKey}", request.Headers["Authorization"]);
        Assert.Equal("csharp", request.Headers["X-Eigenpal-Sdk"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", request.Headers["X-Eigenpal-Sdk-Version"]);
        Assert.Matches(@"^dotnet-\d+\.\d+\.\d+$", request.Headers["X-Eigenpal-Sdk-Runtime"]);
        Assert.Matches(@"^(linux|darwin|windows)-(x86_64|arm64)$|^unknown$", request.Headers["X-Eigenpal-Sdk-Os"]);
        Assert.Equal(
            $"eigenpal-sdk-csharp/{request.Headers["X-Eigenpal-Sdk-Version"]} ({request.Headers["X-Eigenpal-Sdk-Runtime"]}; {request.Headers["X-Eigenpal-Sdk-Os"]})",
            request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task Base_url_path_prefix_is_kept_and_segments_are_encoded()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, """{"executionId":"exec_1"}"""));
        using var client = new EigenpalClient(TestClients.Options(api.BaseUrl + "/tenant-a/"));

        await client.Workflows.RunAsync("my flow/ä?", SimpleRun);

        Assert.Equal("/tenant-a/api/v1/workflows/my%20flow%2F%C3%A4%3F/run", Assert.Single(api.Requests).RawUrl);
    }

    [Fact]
    public async Task Json_run_sends_exact_body_and_query()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, """{"executionId":"exec_xyz"}"""));
        using var client = TestClients.Create(api);

        var run = await client.Workflows.RunAsync("extract-invoice", new RunRequest
        {
            Input = new Dictionary<string, object?> { ["foo"] = "bar" },
            Version = "1.2.3",
            WaitForCompletionSeconds = 30,
        });

        Assert.Equal("exec_xyz", run.ExecutionId);
        var request = Assert.Single(api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/workflows/extract-invoice/run?version=1.2.3&wait_for_completion=30", request.RawUrl);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"input":{"foo":"bar"}}""", request.BodyText);
    }

    [Fact]
    public async Task Run_with_files_is_multipart_with_a_json_sidecar()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, """{"executionId":"exec_1"}"""));
        using var client = TestClients.Create(api);

        await client.Workflows.RunAsync("wf_1", new RunRequest
        {
            Input = new Dictionary<string, object?>
            {
                ["contract_document"] = RunFile.FromBytes(Encoding.UTF8.GetBytes("%PDF-1.4 fake"), "contract.pdf"),
                ["scan"] = RunFile.FromStream(new MemoryStream([1, 2, 3]), "scan.bin"),
                ["customer"] = "ACME",
            },
            Trigger = RunTrigger.Api,
        });

        var request = Assert.Single(api.Requests);
        Assert.StartsWith("multipart/form-data; boundary=", request.ContentType, StringComparison.Ordinal);
        var parts = Multipart.Parse(request);
        Assert.Equal(3, parts.Count);
        var contract = parts.Single(p => p.Name == "contract_document");
        Assert.Equal("contract.pdf", contract.FileName);
        Assert.Equal("application/pdf", contract.ContentType);
        Assert.Equal("%PDF-1.4 fake", Encoding.UTF8.GetString(contract.Body));
        var scan = parts.Single(p => p.Name == "scan");
        Assert.Equal("application/octet-stream", scan.ContentType);
        Assert.Equal(new byte[] { 1, 2, 3 }, scan.Body);
        var sidecar = parts.Single(p => p.Name == "_json");
        Assert.Null(sidecar.FileName);
        Assert.Equal("""{"input":{"customer":"ACME"},"trigger":"api"}""", Encoding.UTF8.GetString(sidecar.Body));
    }

    [Fact]
    public async Task Run_with_only_files_has_no_json_sidecar()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, """{"executionId":"exec_1"}"""));
        using var client = TestClients.Create(api);

        await client.Workflows.RunAsync("wf_1", new RunRequest
        {
            Input = new Dictionary<string, object?> { ["doc"] = RunFile.FromBytes(new byte[] { 9 }, "a.png") },
        });

        var part = Assert.Single(Multipart.Parse(Assert.Single(api.Requests)));
        Assert.Equal("doc", part.Name);
        Assert.Equal("image/png", part.ContentType);
    }

    [Fact]
    public async Task List_queries_use_wire_names_and_leave_out_unset_values()
    {
        const string EmptyPage = """{"data":[],"total":0,"limit":10,"offset":0}""";
        await using var api = new FakeApi(FakeResponse.Json(200, EmptyPage));
        using var client = TestClients.Create(api);

        await client.Workflows.ListAsync();
        await client.Workflows.ListAsync(new WorkflowListQuery { Search = "inv oice", Kind = WorkflowKind.Block, Limit = 5, Offset = 10 });
        await client.Workflows.VersionsAsync("wf_1", limit: 2);
        await client.Workflows.Executions.ListAsync("wf_1", new ExecutionListQuery
        {
            Statuses = [ExecutionStatus.Failed, ExecutionStatus.Cancelled],
            From = DateBound.Relative("now()-7d"),
            To = new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero),
            ExampleId = "ex_1",
            Limit = 10,
        });
        await client.Workflows.Executions.GetAsync("exec_1", includeSteps: true).ContinueWith(_ => { }, TaskScheduler.Default);

        var requests = api.Requests.ToArray();
        Assert.Equal("/api/v1/workflows", requests[0].RawUrl);
        Assert.Equal("/api/v1/workflows?search=inv%20oice&kind=block&limit=5&offset=10", requests[1].RawUrl);
        Assert.Equal("/api/v1/workflows/wf_1/versions?limit=2", requests[2].RawUrl);
        Assert.Equal("failed,cancelled", requests[3].Query["status"]);
        Assert.Equal("now()-7d", requests[3].Query["fromDate"]);
        Assert.Equal("2025-01-02T00:00:00.0000000Z", requests[3].Query["toDate"]);
        Assert.Equal("ex_1", requests[3].Query["exampleId"]);
        Assert.Equal("10", requests[3].Query["limit"]);
        Assert.Null(requests[3].Query["offset"]);
        Assert.Equal("/api/v1/workflows/executions/exec_1?includeSteps=true", requests[4].RawUrl);
    }

    [Fact]
    public async Task Include_steps_accepts_an_answer_shaped_like_a_list_item()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, """{"id":"exec_1","workflowId":"wf_1","status":"completed","createdAt":"2025-01-01T00:00:00Z","result":{"a":1},"steps":[]}"""));
        using var client = TestClients.Create(api);

        var state = await client.Workflows.Executions.GetAsync("exec_1", includeSteps: true);

        Assert.Equal("exec_1", state.ExecutionId);
        Assert.Equal(ExecutionStatus.Completed, state.Status);
    }

    [Fact]
    public async Task Transient_get_failures_are_retried()
    {
        await using var api = new FakeApi(FakeResponse.Json(503, Envelope), new FakeResponse(408, "", null), FakeResponse.Json(200, Running));
        using var client = TestClients.Create(api);

        var state = await client.Workflows.Executions.GetAsync("exec_1");

        Assert.Equal(ExecutionStatus.Running, state.Status);
        Assert.Equal(3, api.Count);
    }

    [Fact]
    public async Task Get_gives_up_after_max_retry_attempts_with_a_server_error()
    {
        await using var api = new FakeApi(new FakeResponse(502, """{"issues":[],"requestId":"r"}""") { Headers = { ["x-request-id"] = "req_h" } });
        using var client = TestClients.Create(api, o => o.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<EigenpalServerException>(() => client.Workflows.GetAsync("wf_1"));

        Assert.Equal(502, error.StatusCode);
        Assert.Equal("internal server error", error.Message);
        Assert.Equal("req_h", error.RequestId);
        Assert.Equal(3, api.Count);
    }

    [Fact]
    public async Task Cancel_is_idempotent_and_retried()
    {
        await using var api = new FakeApi(FakeResponse.Json(500, Envelope), FakeResponse.Json(200, """{"executionId":"exec_1","status":"cancelled","wasStatus":"pending"}"""));
        using var client = TestClients.Create(api);

        var cancel = await client.Workflows.Executions.CancelAsync("exec_1");

        Assert.Equal(CancelOutcome.Cancelled, cancel.Status);
        Assert.Equal(2, api.Count);
        Assert.All(api.Requests, r => Assert.Equal("/api/v1/workflows/executions/exec_1/cancel", r.RawUrl));
        Assert.All(api.Requests, r => Assert.Empty(r.Body));
    }

    [Theory]
    [InlineData(400, typeof(EigenpalValidationException))]
    [InlineData(401, typeof(EigenpalAuthenticationException))]
    [InlineData(403, typeof(EigenpalForbiddenException))]
    [InlineData(404, typeof(EigenpalNotFoundException))]
    [InlineData(409, typeof(EigenpalException))]
    public async Task Permanent_client_errors_are_not_retried(int status, Type kind)
    {
        await using var api = new FakeApi(FakeResponse.Json(status, Envelope));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAnyAsync<EigenpalException>(() => client.Workflows.GetAsync("wf_1"));

        Assert.IsType(kind, error);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("req_body", error.RequestId);
        Assert.NotNull(error.Envelope);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Validation_error_exposes_issues()
    {
        await using var api = new FakeApi(FakeResponse.Json(400, Envelope));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() => client.Workflows.RunAsync("wf_1", SimpleRun));

        Assert.Equal("body.input: is required", error.Message);
        Assert.Equal("required", Assert.Single(error.Issues).Code);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Run_is_never_retried_after_a_server_error_and_reports_outcome_unknown()
    {
        await using var api = new FakeApi(FakeResponse.Json(500, Envelope), FakeResponse.Json(201, """{"executionId":"exec_2"}"""));
        using var client = TestClients.Create(api);
        var before = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("extract-invoice", SimpleRun));

        Assert.Equal(1, api.Count);
        Assert.Equal("extract-invoice", error.WorkflowId);
        Assert.InRange(error.SentAt, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.Equal(500, error.StatusCode);
        Assert.IsType<EigenpalServerException>(error.InnerException);
    }

    [Fact]
    public async Task Run_timeout_reports_outcome_unknown_without_retry()
    {
        await using var api = new FakeApi(new FakeResponse(201, """{"executionId":"exec_1"}""") { Hold = TimeSpan.FromSeconds(10) });
        using var client = TestClients.Create(api, o => o.Timeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("wf_1", SimpleRun));

        Assert.Equal(1, api.Count);
        Assert.True(Assert.IsType<EigenpalTransportException>(error.InnerException).IsTimeout);
    }

    [Fact]
    public async Task Run_connection_dropped_after_sending_reports_outcome_unknown()
    {
        await using var api = new FakeApi(new FakeResponse(201) { Abort = true });
        using var client = TestClients.Create(api);

        await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("wf_1", SimpleRun));

        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Run_to_a_refused_connection_was_never_sent_and_is_not_outcome_unknown()
    {
        var port = FakeApi.FreePort();
        using var client = new EigenpalClient(TestClients.Options($"http://127.0.0.1:{port}", o => o.MaxRetryAttempts = 1));

        var error = await Assert.ThrowsAsync<EigenpalTransportException>(() => client.Workflows.RunAsync("wf_1", SimpleRun));

        Assert.False(error.IsTimeout);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Get_timeouts_are_retried_then_reported_as_transport_errors()
    {
        await using var api = new FakeApi(new FakeResponse(200, Running) { Hold = TimeSpan.FromSeconds(10) });
        using var client = TestClients.Create(api, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 2;
        });

        var error = await Assert.ThrowsAsync<EigenpalTransportException>(() => client.Workflows.Executions.GetAsync("exec_1"));

        Assert.True(error.IsTimeout);
        Assert.Equal(3, api.Count);
    }

    [Fact]
    public async Task Rate_limited_run_is_retried_after_retry_after()
    {
        await using var api = new FakeApi(
            new FakeResponse(429, """{"issues":[],"requestId":"r"}""") { Headers = { ["Retry-After"] = "0" } },
            FakeResponse.Json(201, """{"executionId":"exec_1"}"""));
        using var client = TestClients.Create(api);

        var run = await client.Workflows.RunAsync("wf_1", SimpleRun);

        Assert.Equal("exec_1", run.ExecutionId);
        Assert.Equal(2, api.Count);
        Assert.All(api.Requests, r => Assert.Equal("""{"input":{"foo":"bar"}}""", r.BodyText));
    }

    [Fact]
    public async Task Rate_limited_multipart_run_resends_the_whole_body()
    {
        await using var api = new FakeApi(
            new FakeResponse(429, "", null) { Headers = { ["Retry-After"] = "0" } },
            FakeResponse.Json(201, """{"executionId":"exec_1"}"""));
        using var client = TestClients.Create(api);

        await client.Workflows.RunAsync("wf_1", new RunRequest
        {
            Input = new Dictionary<string, object?> { ["doc"] = RunFile.FromStream(new MemoryStream([7, 8]), "a.pdf") },
        });

        Assert.Equal(2, api.Count);
        Assert.All(api.Requests, r => Assert.Equal(new byte[] { 7, 8 }, Assert.Single(Multipart.Parse(r)).Body));
    }

    [Fact]
    public async Task Rate_limit_is_surfaced_when_retrying_it_is_off()
    {
        await using var api = new FakeApi(new FakeResponse(429, Envelope) { Headers = { ["Retry-After"] = "7" } });
        using var client = TestClients.Create(api, o => o.RetryRateLimited = false);

        var error = await Assert.ThrowsAsync<EigenpalRateLimitException>(() => client.Workflows.RunAsync("wf_1", SimpleRun));

        Assert.Equal("rate limit exceeded", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Retry_after_longer_than_the_maximum_is_not_waited()
    {
        var date = DateTimeOffset.UtcNow.AddMinutes(10).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        await using var api = new FakeApi(new FakeResponse(429, "", null) { Headers = { ["Retry-After"] = date } });
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalRateLimitException>(() => client.Workflows.GetAsync("wf_1"));

        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Html_answer_means_the_base_url_is_wrong()
    {
        await using var api = new FakeApi(new FakeResponse(200, "<html>hello</html>", "text/html; charset=utf-8"));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Workflows.ListAsync());

        Assert.Equal(typeof(EigenpalException), error.GetType());
        Assert.Contains("base URL", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Html_error_page_on_a_client_error_is_also_caught_by_the_guard()
    {
        await using var api = new FakeApi(new FakeResponse(404, "<html>not here</html>", "text/html"));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Workflows.ListAsync());

        Assert.Equal(typeof(EigenpalException), error.GetType());
        Assert.Contains("does not point at the Eigenpal API", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var api = new FakeApi(new FakeResponse(302, "", null) { Headers = { ["Location"] = "/elsewhere" } });
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Workflows.ListAsync());

        Assert.Equal("unexpected status 302", error.Message);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Undecodable_run_answer_is_outcome_unknown()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, """{"status":"pending"}"""));
        using var client = TestClients.Create(api);

        await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Workflows.RunAsync("wf_1", SimpleRun));
    }

    [Fact]
    public async Task Api_key_appears_in_no_message_or_description()
    {
        await using var api = new FakeApi(FakeResponse.Json(401, $$"""{"issues":[{"field":"<root>","message":"key {{TestClients.ApiKey}} revoked","code":"unauthorized","severity":"error"}],"requestId":"r"}"""));
        var options = TestClients.Options(api.BaseUrl);
        using var client = new EigenpalClient(options);

        var error = await Assert.ThrowsAsync<EigenpalAuthenticationException>(() => client.Workflows.ListAsync());

        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, client.ToString(), StringComparison.Ordinal);
    }
}
