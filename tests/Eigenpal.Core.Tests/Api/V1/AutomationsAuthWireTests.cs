using Eigenpal.Api.V1;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>Automations list and get, and the key check.</summary>
public sealed class AutomationsAuthWireTests
{
    [Fact]
    public async Task Automation_list_sends_its_filters_and_decodes_the_page()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, $$"""{"data":[{{V1Bodies.Automation}},{"id":"ag_1","type":"agent","slug":"helper","name":null,"createdAt":"2026-01-01T00:00:00Z"}],"total":7,"limit":2,"offset":4}"""));
        using var client = TestClients.Create(api);

        var page = await client.Automations.ListAsync(new AutomationListQuery { Search = "invoice extract", Type = "workflow", Limit = 2, Offset = 4 });

        var request = Assert.Single(api.Requests);
        Assert.Equal(("GET", "/v1/automations?search=invoice%20extract&type=workflow&limit=2&offset=4"), (request.Method, request.RawUrl));
        V1Requests.AssertApiHeaders(request);
        Assert.Equal((7, 2, 4), (page.Total, page.Limit, page.Offset));
        var workflow = page.Data[0];
        Assert.Equal(("wf_1", "workflow", "extract-invoice", "Extract invoice", "1.2.3"), (workflow.Id, workflow.Type, workflow.Slug, workflow.Name, workflow.Version));
        Assert.Equal(new AutomationTriggers(true, false, true, false), workflow.Triggers);
        Assert.Equal("workflows.extract-invoice", workflow.Target);
        Assert.Equal(("agents.helper", null), (page.Data[1].Target, page.Data[1].Name));
    }

    [Fact]
    public async Task Automation_list_without_a_query_sends_none()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, """{"data":[],"total":0,"limit":50,"offset":0}"""));
        using var client = TestClients.Create(api);

        await client.Automations.ListAsync();

        Assert.Equal("/v1/automations", Assert.Single(api.Requests).RawUrl);
    }

    [Fact]
    public async Task Automation_get_takes_an_alias_and_decodes_the_schemas()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.Automation));
        using var client = TestClients.Create(api);

        var detail = await client.Automations.GetAsync("workflows.extract-invoice");

        Assert.Equal("/v1/automations/workflows.extract-invoice", Assert.Single(api.Requests).RawUrl);
        Assert.Equal("document", detail.InputSchema!.Value.GetProperty("required")[0].GetString());
        Assert.Equal("binary", detail.InputSchema.Value.GetProperty("properties").GetProperty("document").GetProperty("format").GetString());
        Assert.Null(detail.OutputSchema);
        Assert.Equal("active", detail.Status);
        Assert.Equal("workflows.extract-invoice", detail.Target);
    }

    [Fact]
    public async Task Auth_check_decodes_the_key_description()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.AuthCheck));
        using var client = TestClients.Create(api);

        var check = await client.Auth.CheckAsync();

        var request = Assert.Single(api.Requests);
        Assert.Equal(("GET", "/v1/auth/check"), (request.Method, request.RawUrl));
        V1Requests.AssertApiHeaders(request);
        Assert.Equal((true, "ten_1", "acme", "key_1", false, "ACME"), (check.Ok, check.TenantId, check.TenantSlug, check.KeyId, check.WildcardGranted, check.TenantName));
        Assert.Equal(["runs:write", "files:write"], check.Scope);
        Assert.Null(check.UserId);
    }
}
