using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>Automations and the key check over real HTTP, under both prefixes.</summary>
public sealed class V1AutomationsAuthTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task Automations_list_shows_the_built_in_workflows_and_pages_by_offset()
    {
        var all = await _client.Automations.ListAsync(new Eigenpal.Api.V1.AutomationListQuery { Type = "workflow" });
        var second = await _client.Automations.ListAsync(new Eigenpal.Api.V1.AutomationListQuery { Type = "workflow", Limit = 1, Offset = 1 });
        var searched = await _client.Automations.ListAsync(new Eigenpal.Api.V1.AutomationListQuery { Search = "invoice" });

        Assert.Contains(all.Data, a => a.Target == V1Sim.ExtractInvoice);
        Assert.Equal(all.Total, second.Total);
        Assert.Equal(all.Data[1].Id, Assert.Single(second.Data).Id);
        Assert.Equal(V1Sim.ExtractInvoice, Assert.Single(searched.Data).Target);
    }

    [Fact]
    public async Task Automation_detail_by_alias_carries_an_input_schema_naming_the_file_input()
    {
        var detail = await _client.Automations.GetAsync(V1Sim.ExtractInvoice);
        var byId = await _client.Automations.GetAsync(detail.Id);

        var schema = detail.InputSchema!.Value;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.True(schema.GetProperty("properties").TryGetProperty("contract_document", out _));
        Assert.Equal("contract_document", schema.GetProperty("required")[0].GetString());
        Assert.Equal(detail.Slug, byId.Slug);
        Assert.True(detail.Triggers!.Api);
    }

    [Fact]
    public async Task Key_check_answers_under_both_prefixes()
    {
        var check = await _client.Auth.CheckAsync();
        var other = await _client.WithV1Prefix("/api/v1").Auth.CheckAsync();

        Assert.True(check.Ok);
        Assert.Equal(check.KeyId, other.KeyId);
        Assert.DoesNotContain(SimulatorClients.SecretKey, check.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(check.Scope);
    }
}
