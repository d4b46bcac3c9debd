using Eigenpal.Api;
using Eigenpal.Api.V1;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>
/// A start or a rerun is never retried blindly, unlike the official SDK: only a 429 and a connection that was never
/// opened are retried, and an answer that may have been lost becomes <see cref="EigenpalOutcomeUnknownException"/>.
/// </summary>
public sealed class RunSafetyWireTests
{
    private static readonly RunStartRequest Start = new() { Target = "workflows.classify-text", Input = new Dictionary<string, object?> { ["text"] = "once" } };

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task Start_answered_with_a_transient_error_is_outcome_unknown_after_one_request(int status)
    {
        await using var api = new FakeApi(FakeResponse.Json(status, V1Bodies.Envelope));
        using var client = TestClients.Create(api, o => o.MaxRetryAttempts = 5);

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(Start));

        Assert.Equal(1, api.Count);
        Assert.Equal(("workflows.classify-text", status, null), (error.WorkflowId, error.StatusCode, error.SourceRunId));
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_whose_connection_drops_after_sending_is_outcome_unknown_after_one_request()
    {
        await using var api = new FakeApi(new FakeResponse(201) { Abort = true });
        using var client = TestClients.Create(api, o => o.MaxRetryAttempts = 5);

        await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(Start));

        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Start_that_times_out_is_outcome_unknown_and_the_timeout_counts_the_server_hold()
    {
        await using var api = new FakeApi(new FakeResponse(201, V1Bodies.Accepted) { Hold = TimeSpan.FromSeconds(3) });
        using var client = TestClients.Create(api, o => { o.Timeout = TimeSpan.FromMilliseconds(300); o.MaxRetryAttempts = 5; });

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(Start));

        Assert.True(Assert.IsType<EigenpalTransportException>(error.InnerException).IsTimeout);
        Assert.Equal(1, api.Count);

        // With wait_for_completion the attempt may last that much longer, so the same hold is waited out.
        var waited = await client.Runs.StartAsync(Start with { WaitForCompletionSeconds = 5 });
        Assert.Equal("run_123", waited.Id);
    }

    [Fact]
    public async Task Start_answered_with_an_undecodable_success_is_outcome_unknown()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, """{"type":"workflow"}"""), new FakeResponse(201, "<html>", "text/html"));
        using var client = TestClients.Create(api);

        var missingId = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(Start));
        var notJson = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.StartAsync(Start));

        Assert.Equal(201, missingId.StatusCode);
        Assert.Equal(201, notJson.StatusCode);
    }

    [Fact]
    public async Task Start_rate_limited_is_retried_after_retry_after_because_nothing_was_created()
    {
        await using var api = new FakeApi(
            new FakeResponse(429, V1Bodies.Envelope) { Headers = { ["Retry-After"] = "0" } },
            FakeResponse.Json(201, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        var started = await client.Runs.StartAsync(Start);

        Assert.Equal("run_123", started.Id);
        Assert.Equal(2, api.Count);
        Assert.All(api.Requests, r => Assert.Equal("""{"target":"workflows.classify-text","input":{"text":"once"}}""", r.BodyText));
    }

    [Fact]
    public async Task Start_validation_error_is_not_outcome_unknown()
    {
        await using var api = new FakeApi(FakeResponse.Json(400, V1Bodies.Envelope));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() => client.Runs.StartAsync(Start));

        Assert.Equal("input.document: is required", error.Message);
    }

    [Fact]
    public async Task Start_to_a_port_nobody_listens_on_is_a_transport_error_because_nothing_was_sent()
    {
        var port = FakeApi.FreePort();
        using var client = new EigenpalClient(TestClients.Options($"http://127.0.0.1:{port}", o => o.MaxRetryAttempts = 1));

        var error = await Assert.ThrowsAsync<EigenpalTransportException>(() => client.Runs.StartAsync(Start));

        Assert.False(error.IsTimeout);
    }

    [Fact]
    public async Task Rerun_answered_with_a_server_error_is_outcome_unknown_naming_the_source_run()
    {
        await using var api = new FakeApi(FakeResponse.Json(503, V1Bodies.Envelope));
        using var client = TestClients.Create(api, o => o.MaxRetryAttempts = 5);

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.RerunAsync("run_123"));

        Assert.Equal(1, api.Count);
        Assert.Equal(("run_123", string.Empty, 503), (error.SourceRunId, error.WorkflowId, error.StatusCode));
        Assert.Contains("rerun request for run 'run_123'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_whose_connection_drops_is_outcome_unknown_after_one_request()
    {
        await using var api = new FakeApi(new FakeResponse(202) { Abort = true });
        using var client = TestClients.Create(api, o => o.MaxRetryAttempts = 5);

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() => client.Runs.RerunAsync("run_123"));

        Assert.Equal("run_123", error.SourceRunId);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Gets_and_lists_are_retried_after_server_errors()
    {
        await using var api = new FakeApi(FakeResponse.Json(500, V1Bodies.Envelope), FakeResponse.Json(502, "{}"), FakeResponse.Json(200, V1Bodies.RunningRun));
        using var client = TestClients.Create(api);

        var run = await client.Runs.GetAsync("run_7");

        Assert.Equal("run_7", run.Id);
        Assert.Equal(3, api.Count);
    }
}
