using Eigenpal.Api;
using Eigenpal.Api.V1;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>The v1 error envelope <c>{issues, requestId, hint?, docsUrl?}</c> and the status → error type mapping.</summary>
public sealed class ErrorEnvelopeWireTests
{
    [Fact]
    public async Task Validation_error_carries_issues_hint_docs_url_and_the_body_request_id()
    {
        await using var api = new FakeApi(FakeResponse.Json(400, V1Bodies.Envelope));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() => client.Runs.GetAsync("run_1"));

        Assert.Equal((400, "input.document: is required", "req_body"), (error.StatusCode, error.Message, error.RequestId));
        Assert.Equal(new ApiIssue("input.document", "is required", "invalid_value", "error"), Assert.Single(error.Issues));
        Assert.Equal(("send the document", "https://docs.eigenpal.com/errors"), (error.Envelope!.Hint, error.Envelope.DocsUrl));
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Request_id_comes_from_the_header_when_the_body_has_none()
    {
        await using var api = new FakeApi(new FakeResponse(404, """{"issues":[{"field":"<root>","message":"run not found","code":"not_found","severity":"error"}]}""") { Headers = { ["x-request-id"] = "req_header" } });
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalNotFoundException>(() => client.Runs.GetAsync("run_x"));

        Assert.Equal(("run not found", "req_header"), (error.Message, error.RequestId));
    }

    [Theory]
    [InlineData(401, typeof(EigenpalAuthenticationException))]
    [InlineData(403, typeof(EigenpalForbiddenException))]
    [InlineData(404, typeof(EigenpalNotFoundException))]
    [InlineData(429, typeof(EigenpalRateLimitException))]
    [InlineData(500, typeof(EigenpalServerException))]
    [InlineData(413, typeof(EigenpalException))]
    [InlineData(409, typeof(EigenpalException))]
    public async Task Each_status_maps_to_its_error_type(int status, Type expected)
    {
        await using var api = new FakeApi(FakeResponse.Json(status, V1Bodies.Envelope));
        using var client = TestClients.Create(api, o => { o.MaxRetryAttempts = 0; o.RetryRateLimited = false; });

        var error = await Assert.ThrowsAnyAsync<EigenpalException>(() => client.Automations.ListAsync());

        Assert.Equal(expected, error.GetType());
        Assert.Equal((status, "req_body"), (error.StatusCode, error.RequestId));
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payload_too_large_is_the_base_error_with_its_status_and_issues()
    {
        await using var api = new FakeApi(FakeResponse.Json(413, """{"issues":[{"field":"<root>","message":"request body over the size cap","code":"artifacts_zip_too_large","severity":"error"}],"requestId":"req_413"}"""));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Runs.StartAsync(new RunStartRequest { Target = "workflows.x" }));

        Assert.Equal((413, "unexpected status 413", "req_413"), (error.StatusCode, error.Message, error.RequestId));
        Assert.Equal("artifacts_zip_too_large", Assert.Single(error.Envelope!.Issues).Code);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task An_echoed_key_is_redacted_from_the_message()
    {
        await using var api = new FakeApi(FakeResponse.Json(401, $$"""{"issues":[{"field":"<root>","message":"key {{TestClients.ApiKey}} is revoked","code":"unauthorized","severity":"error"}],"requestId":"r"}"""));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalAuthenticationException>(() => client.Auth.CheckAsync());

        Assert.Equal("key *** is revoked", error.Message);
    }

    [Fact]
    public async Task A_route_that_answers_html_names_the_base_url()
    {
        await using var api = new FakeApi(new FakeResponse(404, "<html>not here</html>", "text/html"));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Auth.CheckAsync());

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }
}
