namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>A submission's page shows its attempts, status history, escaped result JSON and files (never their bytes).</summary>
[Collection(DashboardTests.Name)]
public sealed class SubmissionPageTests(SeededDashboard dashboard)
{
    [Fact]
    public async Task A_result_holding_markup_is_shown_as_text_with_attempts_history_and_files_but_no_bytes()
    {
        var id = dashboard.ScriptSubmission;
        var html = await dashboard.TextAsync($"/submissions/{id}");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var db = dashboard.Database;

        Assert.Equal(id.ToString(), page.QuerySelector("[data-field='id']")!.TextContent);
        Assert.Equal(await db.ScalarAsync<string>($"SELECT state FROM eigenpal.submissions WHERE id = '{id}'"), page.QuerySelector("[data-field='state']")!.TextContent);

        // The result is readable text in a collapsible block, and nothing in it became markup: the page has no script at all.
        Assert.Empty(page.QuerySelectorAll("script"));
        var result = page.QuerySelector("details[data-result] pre.json")!;
        Assert.Contains(SeededDashboard.ScriptSupplier, result.TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("\n  ", result.TextContent, StringComparison.Ordinal);

        var attempts = await db.ColumnAsync<string>($"SELECT attempt || '|' || status || '|' || COALESCE(remote_id, '') FROM eigenpal.executions WHERE submission_id = '{id}' ORDER BY attempt");
        Assert.Equal(attempts, page.QuerySelectorAll("article[data-attempt]").Select(a =>
            $"{a.GetAttribute("data-attempt")}|{a.GetAttribute("data-status")}|{a.QuerySelector("[data-field='execution-id']")!.TextContent}"));

        var history = await db.ColumnAsync<string>(
            $"SELECT e.attempt || '|' || COALESCE(c.from_status, '') || '|' || c.to_status FROM eigenpal.status_changes c " +
            $"JOIN eigenpal.executions e ON e.id = c.execution_id WHERE e.submission_id = '{id}' ORDER BY c.id");
        Assert.NotEmpty(history);
        Assert.Equal(history, page.QuerySelectorAll("li[data-change]").Select(li =>
            $"{li.GetAttribute("data-attempt")}|{li.GetAttribute("data-from")}|{li.GetAttribute("data-to")}"));

        var files = await db.ColumnAsync<string>($"SELECT input_name || '|' || file_name || '|' || size_bytes || '|' || sha256 FROM eigenpal.submission_files WHERE submission_id = '{id}' ORDER BY input_name");
        Assert.Equal(files, page.QuerySelectorAll("tr[data-file]").Select(r =>
            $"{r.GetAttribute("data-file")}|{r.QuerySelector("[data-field='file-name']")!.TextContent}|{r.QuerySelector("[data-field='size']")!.GetAttribute("data-value")}|{r.QuerySelector("[data-field='sha256']")!.TextContent}"));
        var bytes = (await db.ColumnAsync<byte[]>($"SELECT content FROM eigenpal.submission_files WHERE submission_id = '{id}'")).Single();
        Assert.DoesNotContain("Total: 99.50 EUR", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(bytes), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(bytes)[..32], html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_failed_submission_shows_its_error_category_and_request_id_and_the_api_says_the_same()
    {
        var id = (await dashboard.Database.ListedIdsAsync("state = 'failed'", 1)).Single();
        var page = await dashboard.PageAsync($"/submissions/{id}");
        var recorded = (await dashboard.Database.ColumnAsync<string>(
            $"SELECT COALESCE(error, '') || '|' || COALESCE(failure_category, '') || '|' || COALESCE(request_id, '') FROM eigenpal.executions WHERE submission_id = '{id}' ORDER BY attempt DESC LIMIT 1")).Single();
        var attempt = page.QuerySelectorAll("article[data-attempt]").Last();
        Assert.Equal(recorded, string.Join('|', new[] { "error", "failure-category", "request-id" }.Select(f => attempt.QuerySelector($"[data-field='{f}']")?.TextContent ?? "")));
        Assert.NotEqual("||", recorded);

        var json = await dashboard.JsonAsync($"/api/v1/submissions/{id}");
        var last = json["attempts"]!.AsArray()[^1]!;
        Assert.Equal(recorded, $"{(string?)last["error"]}|{(string?)last["failure_category"]}|{(string?)last["request_id"]}");
        Assert.Equal("failed", (string?)json["submission"]!["state"]);
        Assert.All(json["files"]!.AsArray(), f => Assert.Null(f!["content"]));
        Assert.Equal(
            await dashboard.Database.ScalarAsync<string>($"SELECT sha256 FROM eigenpal.submission_files WHERE submission_id = '{id}'"),
            (string?)json["files"]!.AsArray()[0]!["sha256"]);
    }

    [Fact]
    public async Task An_unknown_submission_is_not_found()
    {
        using var response = await dashboard.Http.GetAsync(new Uri(dashboard.BaseUrl, $"/submissions/{Guid.NewGuid()}"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        using var api = await dashboard.Http.GetAsync(new Uri(dashboard.BaseUrl, $"/api/v1/submissions/{Guid.NewGuid()}"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, api.StatusCode);
    }
}
