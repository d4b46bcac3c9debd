using System.Globalization;
using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>The submissions list's filters and keyset paging return exactly the store's rows: none missing, none twice.</summary>
[Collection(DashboardTests.Name)]
public sealed class SubmissionListTests(SeededDashboard dashboard)
{
    /// <summary>Follows the page's "next page" links from <paramref name="path"/> to the end; returns every row's id in order and the number of pages.</summary>
    private async Task<(List<Guid> Ids, int Pages)> WalkPagesAsync(string path)
    {
        var ids = new List<Guid>();
        var pages = 0;
        for (string? next = path; next is not null; pages++)
        {
            var page = await dashboard.PageAsync(next);
            Assert.Empty(page.QuerySelectorAll("[data-problems]"));
            ids.AddRange(page.QuerySelectorAll("tr[data-submission]").Select(r => Guid.Parse(r.GetAttribute("data-submission")!)));
            next = page.QuerySelector("a[data-next]")?.GetAttribute("href");
            Assert.True(pages < 100, "the pages never end");
        }

        return (ids, pages);
    }

    private async Task<(List<Guid> Ids, int Pages)> WalkApiAsync(string path)
    {
        var ids = new List<Guid>();
        var pages = 0;
        for (string? cursor = null; pages == 0 || cursor is not null; pages++)
        {
            var json = await dashboard.JsonAsync(cursor is null ? path : $"{path}&cursor={Uri.EscapeDataString(cursor)}");
            ids.AddRange(json["items"]!.AsArray().Select(i => Guid.Parse((string)i!["id"]!)));
            cursor = (string?)json["next_cursor"];
            Assert.True(pages < 100, "the pages never end");
        }

        return (ids, pages);
    }

    [Fact]
    public async Task Paging_through_every_submission_returns_each_once_in_the_stores_order()
    {
        var expected = await dashboard.Database.ListedIdsAsync("true");
        var (ids, pages) = await WalkPagesAsync("/submissions?limit=7");
        Assert.Equal(expected, ids);
        Assert.Equal((expected.Count + 6) / 7, pages);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var (apiIds, apiPages) = await WalkApiAsync("/api/v1/submissions?limit=5");
        Assert.Equal(expected, apiIds);
        Assert.Equal((expected.Count + 4) / 5, apiPages);
    }

    [Theory]
    [InlineData("state=completed", "state = 'completed'")]
    [InlineData("state=failed&state=rejected", "state IN ('failed', 'rejected')")]
    [InlineData("state=failed,rejected,error", "state IN ('failed', 'rejected', 'error')")]
    [InlineData("workflow=extract-invoice", "workflow = 'extract-invoice'")]
    [InlineData("workflow=classify-text&state=running", "workflow = 'classify-text' AND state = 'running'")]
    [InlineData("batch={march}", "batch_id = '{march}'")]
    [InlineData("batch={march}&state=completed&workflow=extract-invoice", "batch_id = '{march}' AND state = 'completed' AND workflow = 'extract-invoice'")]
    [InlineData("since=1h&workflow=no-such-workflow", "updated_at >= now() - interval '1 hour' AND workflow = 'no-such-workflow'")]
    public async Task Filters_return_exactly_the_matching_rows_over_every_page(string filter, string where)
    {
        filter = filter.Replace("{march}", dashboard.MarchBatch.ToString(), StringComparison.Ordinal);
        where = where.Replace("{march}", dashboard.MarchBatch.ToString(), StringComparison.Ordinal);
        var expected = await dashboard.Database.ListedIdsAsync(where);
        Assert.NotEmpty(expected);

        Assert.Equal(expected, (await WalkPagesAsync($"/submissions?{filter}&limit=4")).Ids);
        Assert.Equal(expected, (await WalkApiAsync($"/api/v1/submissions?{filter}&limit=3")).Ids);
    }

    [Fact]
    public async Task A_time_filter_cuts_at_the_given_time()
    {
        var times = await dashboard.Database.ColumnAsync<DateTime>("SELECT updated_at FROM eigenpal.submissions ORDER BY updated_at");
        var middle = DateTime.SpecifyKind(times[times.Count / 2], DateTimeKind.Utc);
        var iso = middle.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        var expected = await dashboard.Database.ListedIdsAsync($"updated_at >= '{iso}'::timestamptz");
        Assert.InRange(expected.Count, 1, times.Count - 1);

        Assert.Equal(expected, (await WalkPagesAsync($"/submissions?since={Uri.EscapeDataString(iso)}&limit=6")).Ids);
        Assert.Equal(expected, (await WalkApiAsync($"/api/v1/submissions?since={Uri.EscapeDataString(iso)}&limit=6")).Ids);
    }

    [Fact]
    public async Task Filters_that_cannot_be_read_are_refused_and_named()
    {
        using var page = await dashboard.Http.GetAsync(new Uri(dashboard.BaseUrl, "/submissions?state=lost&batch=march&cursor=nope"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("state &#x27;lost&#x27;", html, StringComparison.Ordinal);
        Assert.Contains("batch &#x27;march&#x27; is not a batch id", html, StringComparison.Ordinal);

        using var api = await dashboard.Http.GetAsync(new Uri(dashboard.BaseUrl, "/api/v1/submissions?limit=0&since=yesterday"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, api.StatusCode);
        var problems = JsonNode.Parse(await api.Content.ReadAsStringAsync())!["problems"]!.AsArray();
        Assert.Equal(2, problems.Count);
    }
}
