using System.Net;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>Automations list/get (with the derived <c>inputSchema</c>), versions, triggers, and the key check.</summary>
public sealed class AutomationTests(V1Fixture fixture) : IClassFixture<V1Fixture>
{
    private readonly V1Api api = fixture.Api;

    [Fact]
    public async Task The_list_is_a_page_of_workflow_summaries()
    {
        var (response, body) = await api.GetAsync("automations?type=workflow&limit=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["data", "limit", "offset", "total"], Keys(body));
        Assert.Equal(2, body["data"]!.AsArray().Count);
        Assert.Equal(4, body["total"]!.GetValue<int>());
        Assert.Equal(
            ["createdAt", "id", "implementationAvailable", "name", "slug", "status", "triggers", "type", "updatedAt", "version"],
            Keys(body["data"]![0]));
        Assert.Equal(0, (await api.GetAsync("automations?type=agent")).Body["total"]!.GetValue<int>());
        Assert.Equal("extract-invoice", (await api.GetAsync("automations?search=INVOICE")).Body["data"]![0]!["slug"]!.GetValue<string>());
        V1Api.AssertEnvelope((await api.GetAsync("automations?limit=0")).Response, (await api.GetAsync("automations?limit=0")).Body, 400, "query.limit");
    }

    [Theory]
    [InlineData("wf_x7k2extractinv")]
    [InlineData("workflows.extract-invoice")]
    [InlineData("workflows.wf_x7k2extractinv")]
    public async Task An_automation_by_id_or_alias_carries_an_input_schema_from_the_declared_inputs(string id)
    {
        var (response, body) = await api.GetAsync($"automations/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wf_x7k2extractinv", body["id"]!.GetValue<string>());
        var schema = body["inputSchema"]!;
        Assert.Equal("object", schema["type"]!.GetValue<string>());
        Assert.Equal("contract_document", Assert.Single(schema["required"]!.AsArray())!.GetValue<string>());
        Assert.True(schema["properties"]!["contract_document"]!["x-eigenpal-file"]!.GetValue<bool>());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_text_input_is_a_string_property_and_a_bare_slug_is_not_an_id()
    {
        var (_, body) = await api.GetAsync("automations/workflows.classify-text");
        Assert.Equal("string", body["inputSchema"]!["properties"]!["text"]!["type"]!.GetValue<string>());
        var (response, missing) = await api.GetAsync("automations/classify-text");
        V1Api.AssertEnvelope(response, missing, 404, "path.id");
    }

    [Fact]
    public async Task Versions_and_triggers_are_served()
    {
        var (_, versions) = await api.GetAsync("automations/workflows.extract-invoice/versions");
        Assert.Equal(3, versions["total"]!.GetValue<int>());
        Assert.Equal(["automationId", "createdAt", "id", "isCurrent", "version"], Keys(versions["data"]![0]));
        var (_, triggers) = await api.GetAsync("automations/workflows.archived-flow/triggers");
        Assert.Equal(["automationId", "triggers", "type"], Keys(triggers));
        Assert.False(triggers["triggers"]!["api"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_key_check_answers_every_key_and_a_missing_key_is_401()
    {
        var (response, body) = await api.GetAsync("auth/check");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["email", "keyId", "name", "ok", "scope", "tenantId", "tenantName", "tenantSlug", "userId", "wildcardGranted"], Keys(body));
        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.DoesNotContain(fixture.Host.ApiKey, body.ToJsonString(), StringComparison.Ordinal);

        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        var refused = await anonymous.GetAsync("v1/auth/check");
        V1Api.AssertEnvelope(refused, await BodyAsync(refused), 401, "headers.authorization", "unauthorized");
    }
}
