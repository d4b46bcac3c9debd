using System.Globalization;
using Eigenpal.Worker.Tests.Cli;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>A batch's page shows the store's counts and failures, and its export links give exactly what <c>eigenpal results</c> writes.</summary>
[Collection(DashboardTests.Name)]
public sealed class BatchPageTests(SeededDashboard dashboard) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("eigenpal-dash-").FullName;

    [Fact]
    public async Task Counts_failure_reasons_and_failures_match_the_store()
    {
        var batch = dashboard.MarchBatch;
        var page = await dashboard.PageAsync($"/batches/{batch}");
        var db = dashboard.Database;
        var counts = await db.PairsAsync($"SELECT state, count(*) FROM eigenpal.submissions WHERE batch_id = '{batch}' GROUP BY state");
        foreach (var state in Eigenpal.Submissions.SubmissionStates.AllNames)
        {
            Assert.Equal(counts.GetValueOrDefault(state), long.Parse(page.QuerySelector($"[data-total='{state}']")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture));
        }

        Assert.Equal(SeededDashboard.MarchSize, long.Parse(page.QuerySelector("[data-field='total']")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture));
        Assert.Equal(SeededDashboard.MarchSize, long.Parse(page.QuerySelector("[data-field='finished']")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture));
        Assert.True(counts.Keys.Count >= 2, "the batch has completions and failures: " + string.Join(",", counts.Keys));

        var reasons = await db.ColumnAsync<string>($"""
            SELECT state || '|' || COALESCE(state_reason, '(no reason recorded)') || '|' || count(*) FROM eigenpal.submissions
            WHERE batch_id = '{batch}' AND state IN ('failed', 'rejected', 'error', 'undetermined', 'vanished')
            GROUP BY state, state_reason ORDER BY count(*) DESC, COALESCE(state_reason, '(no reason recorded)')
            """);
        Assert.Equal(reasons, page.QuerySelectorAll("#failure-reasons tr[data-reason]")
            .Select(r => $"{r.GetAttribute("data-reason-state")}|{r.GetAttribute("data-reason")}|{r.GetAttribute("data-value")}"));
        Assert.Equal(
            await db.ListedIdsAsync($"batch_id = '{batch}' AND state IN ('failed', 'rejected', 'error', 'undetermined', 'vanished')", 25),
            page.QuerySelectorAll("#failures tr[data-submission]").Select(r => Guid.Parse(r.GetAttribute("data-submission")!)));
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public async Task The_export_links_give_the_bytes_eigenpal_results_writes(string format)
    {
        var page = await dashboard.PageAsync($"/batches/{dashboard.MarchBatch}");
        var link = page.QuerySelector($"a[data-export='{format}']")!.GetAttribute("href")!;
        var file = Path.Combine(_folder, "results." + format);
        var cli = await CliRun.RunAsync(dashboard.Scenario.Settings, "results", "--batch", dashboard.MarchBatch.ToString(), "--out", file);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var written = await File.ReadAllBytesAsync(file);

        var downloaded = await dashboard.BytesAsync(link);
        Assert.Equal(SeededDashboard.MarchSize + (format == "csv" ? 1 : 0), System.Text.Encoding.UTF8.GetString(written).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(written, downloaded);
        Assert.Equal(written, await dashboard.BytesAsync($"/api/v1/batches/{dashboard.MarchBatch}/results?format={format}"));
    }

    [Fact]
    public async Task The_batch_list_pages_through_every_batch_newest_first()
    {
        var page = await dashboard.PageAsync("/batches");
        Assert.Equal(
            await dashboard.Database.ColumnAsync<Guid>("SELECT id FROM eigenpal.batches ORDER BY created_at DESC, id DESC"),
            page.QuerySelectorAll("tr[data-batch]").Select(r => Guid.Parse(r.GetAttribute("data-batch")!)));
        using var missing = await dashboard.Http.GetAsync(new Uri(dashboard.BaseUrl, $"/batches/{Guid.NewGuid()}"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
