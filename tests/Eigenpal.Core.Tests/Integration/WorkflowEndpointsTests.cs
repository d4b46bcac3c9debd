using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>List, get and versions of workflows, against the simulator's built-in catalogue.</summary>
public sealed class WorkflowEndpointsTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task List_returns_every_built_in_workflow_with_the_total()
    {
        var page = await _client.Workflows.ListAsync();

        Assert.Equal(4, page.Total);
        Assert.Equal(0, page.Offset);
        Assert.Equal(
            ["archived-flow", "classify-text", "extract-invoice", "normalize-address"],
            page.Data.Select(w => w.Name).Order(StringComparer.Ordinal));
        var invoice = Assert.Single(page.Data, w => w.Name == "extract-invoice");
        Assert.Equal("wf_x7k2extractinv", invoice.Id);
        Assert.Equal("1.2.0", invoice.Version);
        Assert.NotNull(invoice.UpdatedAt);
    }

    [Fact]
    public async Task List_filters_by_search_name_and_kind()
    {
        var search = await _client.Workflows.ListAsync(new WorkflowListQuery { Search = "INVOICE" });
        var byName = await _client.Workflows.ListAsync(new WorkflowListQuery { Name = "classify-text" });
        var blocks = await _client.Workflows.ListAsync(new WorkflowListQuery { Kind = WorkflowKind.Block });
        var workflows = await _client.Workflows.ListAsync(new WorkflowListQuery { Kind = WorkflowKind.Workflow });

        Assert.Equal("extract-invoice", Assert.Single(search.Data).Name);
        Assert.Equal("wf_c3p9classifytx", Assert.Single(byName.Data).Id);
        Assert.Equal("normalize-address", Assert.Single(blocks.Data).Name);
        Assert.Equal(3, workflows.Total);
        Assert.DoesNotContain(workflows.Data, w => w.Name == "normalize-address");
    }

    [Fact]
    public async Task List_pages_with_limit_and_offset()
    {
        var first = await _client.Workflows.ListAsync(new WorkflowListQuery { Limit = 3 });
        var second = await _client.Workflows.ListAsync(new WorkflowListQuery { Limit = 3, Offset = 3 });

        Assert.Equal((3, 3, 0, 4), (first.Data.Count, first.Limit, first.Offset, first.Total));
        Assert.Equal((1, 3, 3, 4), (second.Data.Count, second.Limit, second.Offset, second.Total));
        Assert.Empty(first.Data.Select(w => w.Id).Intersect(second.Data.Select(w => w.Id)));
    }

    [Theory]
    [InlineData("wf_x7k2extractinv")]
    [InlineData("extract-invoice")]
    public async Task Get_by_id_or_slug_returns_the_summary_fields_without_yaml(string id)
    {
        var workflow = await _client.Workflows.GetAsync(id);

        Assert.Equal("wf_x7k2extractinv", workflow.Id);
        Assert.Equal("extract-invoice", workflow.Name);
        Assert.Equal("1.2.0", workflow.Version);
        Assert.Null(workflow.YamlContent);
        Assert.True(workflow.UpdatedAt >= workflow.CreatedAt);
    }

    [Fact]
    public async Task Versions_are_newest_first_with_the_current_one_marked()
    {
        var versions = await _client.Workflows.VersionsAsync("wf_x7k2extractinv");

        Assert.Equal(3, versions.Total);
        Assert.Equal(["1.2.0", "1.1.0", "1.0.0"], versions.Data.Select(v => v.Version));
        Assert.Equal([true, false, false], versions.Data.Select(v => v.IsCurrent ?? false));
        Assert.All(versions.Data, v =>
        {
            Assert.Equal("wf_x7k2extractinv", v.WorkflowId);
            Assert.StartsWith("wfh_", v.Id, StringComparison.Ordinal);
            Assert.Contains($"version: {v.Version}", v.YamlContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Versions_page_with_limit_and_offset()
    {
        var page = await _client.Workflows.VersionsAsync("extract-invoice", limit: 1, offset: 1);

        Assert.Equal((3, 1, 1), (page.Total, page.Limit, page.Offset));
        Assert.Equal("1.1.0", Assert.Single(page.Data).Version);
    }

    [Fact]
    public async Task Each_call_reaches_its_endpoint_once()
    {
        var before = fixture.Sim.GetCounters().RequestsTo(EndpointNames.ListVersions);
        await _client.Workflows.VersionsAsync("classify-text");
        Assert.Equal(before + 1, fixture.Sim.GetCounters().RequestsTo(EndpointNames.ListVersions));
    }
}
