using System.Globalization;
using AngleSharp.Dom;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>Every number on the overview (<c>/</c>) is the store's, asked in plain SQL.</summary>
[Collection(DashboardTests.Name)]
public sealed class OverviewPageTests(SeededDashboard dashboard)
{
    private static long Value(IElement element) => long.Parse(element.GetAttribute("data-value")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Totals_per_state_and_per_workflow_match_the_store()
    {
        var page = await dashboard.PageAsync("/");
        var byState = await dashboard.Database.PairsAsync("SELECT state, count(*) FROM eigenpal.submissions GROUP BY state");
        var byWorkflow = await dashboard.Database.PairsAsync("SELECT workflow || '|' || state, count(*) FROM eigenpal.submissions GROUP BY 1");

        foreach (var state in Eigenpal.Submissions.SubmissionStates.AllNames)
        {
            Assert.Equal(byState.GetValueOrDefault(state), Value(page.QuerySelector($"[data-total='{state}']")!));
        }

        Assert.Equal(byState.Values.Sum(), Value(page.QuerySelector("[data-total='all']")!));
        Assert.True(byState.Keys.Count >= 5, "the seed covers completed, failed, running, error and undetermined: " + string.Join(",", byState.Keys));
        var cells = page.QuerySelectorAll("tr[data-workflow] td[data-state]").Where(td => td.GetAttribute("data-state") != "total" && Value(td) > 0)
            .ToDictionary(td => td.ParentElement!.GetAttribute("data-workflow") + "|" + td.GetAttribute("data-state"), Value);
        Assert.Equal(byWorkflow.OrderBy(p => p.Key, StringComparer.Ordinal), cells.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Recent_batches_show_the_stores_counts_and_a_progress_bar()
    {
        var page = await dashboard.PageAsync("/");
        var rows = page.QuerySelectorAll("#batches tr[data-batch]");
        var batches = await dashboard.Database.ColumnAsync<Guid>("SELECT id FROM eigenpal.batches ORDER BY created_at DESC, id DESC LIMIT 10");
        Assert.Equal(batches, rows.Select(r => Guid.Parse(r.GetAttribute("data-batch")!)));
        foreach (var row in rows)
        {
            var id = row.GetAttribute("data-batch");
            var counts = await dashboard.Database.PairsAsync(
                $"SELECT 'total', count(*) FROM eigenpal.submissions WHERE batch_id = '{id}' UNION ALL " +
                $"SELECT 'completed', count(*) FROM eigenpal.submissions WHERE batch_id = '{id}' AND state = 'completed' UNION ALL " +
                $"SELECT 'finished', count(*) FROM eigenpal.submissions WHERE batch_id = '{id}' AND state NOT IN ('pending', 'sending', 'running')");
            Assert.Equal(counts["total"], Value(row.QuerySelector("[data-field='total']")!));
            Assert.Equal(counts["completed"], Value(row.QuerySelector("[data-field='completed']")!));
            Assert.Equal(counts["finished"], Value(row.QuerySelector("[data-field='finished']")!));
            Assert.Equal(counts["finished"] - counts["completed"], Value(row.QuerySelector("[data-field='not-completed']")!));
            Assert.NotNull(row.QuerySelector(".bar[data-progress]"));
        }

        var slow = rows.Single(r => r.GetAttribute("data-batch") == dashboard.SlowBatch.ToString());
        Assert.Equal("0", slow.QuerySelector(".bar")!.GetAttribute("data-progress"));
    }

    [Fact]
    public async Task Throughput_per_minute_and_duration_percentiles_match_the_store()
    {
        var page = await dashboard.PageAsync("/");
        var minutes = page.QuerySelectorAll("svg[data-chart='throughput'] g[data-minute]");
        Assert.InRange(minutes.Length, 180, 182);
        var submitted = await dashboard.Database.PairsAsync(
            "SELECT to_char(date_trunc('minute', created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI'), count(*) FROM eigenpal.submissions GROUP BY 1");
        var finished = await dashboard.Database.PairsAsync(
            "SELECT to_char(date_trunc('minute', completed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI'), count(*) FROM eigenpal.executions WHERE completed_at IS NOT NULL GROUP BY 1");
        var drawnSubmitted = minutes.Where(m => m.GetAttribute("data-submitted") != "0")
            .ToDictionary(m => m.GetAttribute("data-minute")![..16], m => long.Parse(m.GetAttribute("data-submitted")!, CultureInfo.InvariantCulture));
        var drawnFinished = minutes.Where(m => m.GetAttribute("data-finished") != "0")
            .ToDictionary(m => m.GetAttribute("data-minute")![..16], m => long.Parse(m.GetAttribute("data-finished")!, CultureInfo.InvariantCulture));
        Assert.Equal(submitted.OrderBy(p => p.Key), drawnSubmitted.OrderBy(p => p.Key));
        Assert.Equal(finished.OrderBy(p => p.Key), drawnFinished.OrderBy(p => p.Key));

        var durations = await dashboard.Database.ColumnAsync<string>("""
            SELECT workflow || '|' || count(*) || '|' || percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - sent_at))
                   || '|' || percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - sent_at))
            FROM eigenpal.executions WHERE status = 'completed' GROUP BY workflow ORDER BY workflow
            """);
        var drawn = page.QuerySelectorAll("svg[data-chart='durations'] g[data-duration-workflow]").ToList();
        Assert.NotEmpty(durations);
        Assert.Equal(durations.Count, drawn.Count);
        foreach (var (expected, g) in durations.Zip(drawn))
        {
            var parts = expected.Split('|');
            Assert.Equal(parts[0], g.GetAttribute("data-duration-workflow"));
            Assert.Equal(parts[1], g.GetAttribute("data-runs"));
            Assert.Equal(double.Parse(parts[2], CultureInfo.InvariantCulture), Seconds(g, "data-p50"), 0.002);
            Assert.Equal(double.Parse(parts[3], CultureInfo.InvariantCulture), Seconds(g, "data-p95"), 0.002);
        }
    }

    private static double Seconds(IElement element, string attribute) => double.Parse(element.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Failure_reasons_stuck_work_awaiting_decisions_errors_and_recent_failures_are_the_stores()
    {
        var page = await dashboard.PageAsync("/");
        var db = dashboard.Database;

        var reasons = await db.ColumnAsync<string>("""
            SELECT state || '|' || COALESCE(state_reason, '(no reason recorded)') || '|' || count(*) FROM eigenpal.submissions
            WHERE state IN ('failed', 'rejected', 'error', 'undetermined', 'vanished')
            GROUP BY state, state_reason ORDER BY count(*) DESC, COALESCE(state_reason, '(no reason recorded)') LIMIT 10
            """);
        Assert.Equal(reasons, page.QuerySelectorAll("#failure-reasons tr[data-reason]")
            .Select(r => $"{r.GetAttribute("data-reason-state")}|{r.GetAttribute("data-reason")}|{r.GetAttribute("data-value")}"));

        var running = page.QuerySelector("#stuck tr[data-stuck='running']")!;
        Assert.Equal(3, Value(running));
        Assert.Equal(
            (await db.ColumnAsync<Guid>($"SELECT id FROM eigenpal.submissions WHERE batch_id = '{dashboard.SlowBatch}' ORDER BY updated_at, id")).Order(),
            running.QuerySelectorAll("[data-stuck-submission]").Select(d => Guid.Parse(d.GetAttribute("data-stuck-submission")!)).Order());
        Assert.Equal(0, Value(page.QuerySelector("#stuck tr[data-stuck='pending']")!));

        Assert.Equal(
            await db.ColumnAsync<Guid>("SELECT id FROM eigenpal.submissions WHERE state = 'undetermined' ORDER BY updated_at, id"),
            page.QuerySelectorAll("#awaiting tr[data-awaiting]").Select(r => Guid.Parse(r.GetAttribute("data-awaiting")!)));
        Assert.Equal(2, long.Parse(page.QuerySelector("[data-total-awaiting]")!.GetAttribute("data-total-awaiting")!, CultureInfo.InvariantCulture));

        var errors = await db.ListedIdsAsync("state = 'error'", 10);
        Assert.Single(errors);
        Assert.Equal(errors, Ids(page, "#errors"));

        var failures = await db.ListedIdsAsync("state IN ('failed', 'rejected', 'vanished')", 20);
        Assert.NotEmpty(failures);
        Assert.Equal(failures, Ids(page, "#recent-failures"));
        foreach (var row in page.QuerySelectorAll("#recent-failures tr[data-submission]"))
        {
            var id = row.GetAttribute("data-submission");
            var recorded = (await db.ColumnAsync<string>(
                $"SELECT COALESCE(e.error, s.state_reason, '') || '|' || COALESCE(e.failure_category, '') || '|' || COALESCE(e.request_id, '') " +
                $"FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt WHERE s.id = '{id}'")).Single();
            Assert.Equal(recorded, string.Join('|', new[] { "error", "failure-category", "request-id" }.Select(f => row.QuerySelector($"[data-field='{f}']")!.TextContent.Trim())));
        }

        Assert.Contains(page.QuerySelectorAll("#recent-failures [data-field='error']"), e => e.TextContent.Trim().Length > 0);
    }

    private static List<Guid> Ids(IDocument page, string section) =>
        [.. page.QuerySelectorAll($"{section} tr[data-submission]").Select(r => Guid.Parse(r.GetAttribute("data-submission")!))];
}
