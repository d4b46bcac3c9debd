using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary><c>/api/v1</c> gives the same numbers as the store, and no page or response carries the API key.</summary>
[Collection(DashboardTests.Name)]
public sealed class ApiTests(SeededDashboard dashboard)
{
    [Fact]
    public async Task Totals_batches_failure_reasons_stuck_and_awaiting_match_the_store()
    {
        var db = dashboard.Database;
        var totals = await dashboard.JsonAsync("/api/v1/totals");
        var byState = await db.PairsAsync("SELECT state, count(*) FROM eigenpal.submissions GROUP BY state");
        Assert.Equal(byState.Values.Sum(), (long)totals["total"]!);
        foreach (var state in Eigenpal.Submissions.SubmissionStates.AllNames)
        {
            Assert.Equal(byState.GetValueOrDefault(state), (long)totals["states"]![state]!);
        }

        var byWorkflow = await db.PairsAsync("SELECT workflow || '|' || state, count(*) FROM eigenpal.submissions GROUP BY 1");
        var listed = totals["workflows"]!.AsArray().SelectMany(w => w!["states"]!.AsObject()
                .Where(s => (long)s.Value! > 0).Select(s => KeyValuePair.Create($"{(string?)w["workflow"]}|{s.Key}", (long)s.Value!)))
            .ToDictionary();
        Assert.Equal(byWorkflow.OrderBy(p => p.Key, StringComparer.Ordinal), listed.OrderBy(p => p.Key, StringComparer.Ordinal));

        var batches = await dashboard.JsonAsync("/api/v1/batches?limit=2");
        var ids = batches["items"]!.AsArray().Select(b => Guid.Parse((string)b!["id"]!)).ToList();
        var next = await dashboard.JsonAsync($"/api/v1/batches?limit=2&cursor={Uri.EscapeDataString((string)batches["next_cursor"]!)}");
        ids.AddRange(next["items"]!.AsArray().Select(b => Guid.Parse((string)b!["id"]!)));
        Assert.Null((string?)next["next_cursor"]);
        Assert.Equal(await db.ColumnAsync<Guid>("SELECT id FROM eigenpal.batches ORDER BY created_at DESC, id DESC"), ids);

        var march = await dashboard.JsonAsync($"/api/v1/batches/{dashboard.MarchBatch}");
        var marchCounts = await db.PairsAsync($"SELECT state, count(*) FROM eigenpal.submissions WHERE batch_id = '{dashboard.MarchBatch}' GROUP BY state");
        Assert.Equal(SeededDashboard.MarchSize, (long)march["total"]!);
        Assert.Equal(marchCounts.GetValueOrDefault("completed"), (long)march["states"]!["completed"]!);
        Assert.Equal(marchCounts.GetValueOrDefault("failed"), (long)march["states"]!["failed"]!);
        Assert.Equal(1.0, (double)march["finished_share"]!);

        var reasons = await db.ColumnAsync<string>("""
            SELECT state || '|' || COALESCE(state_reason, '(no reason recorded)') || '|' || count(*) FROM eigenpal.submissions
            WHERE state IN ('failed', 'rejected', 'error', 'undetermined', 'vanished')
            GROUP BY state, state_reason ORDER BY count(*) DESC, COALESCE(state_reason, '(no reason recorded)') LIMIT 20
            """);
        var api = await dashboard.JsonAsync("/api/v1/failure-reasons");
        Assert.Equal(reasons, api["reasons"]!.AsArray().Select(r => $"{(string?)r!["state"]}|{(string?)r["reason"]}|{(long)r["count"]!}"));

        var stuck = (await dashboard.JsonAsync("/api/v1/stuck")).AsArray();
        var running = stuck.Single(s => (string?)s!["state"] == "running")!;
        Assert.Equal(3, (long)running["count"]!);
        Assert.Equal(3, (double)running["older_than_seconds"]!);

        var awaiting = (await dashboard.JsonAsync("/api/v1/awaiting-decision")).AsArray();
        Assert.Equal(
            await db.ColumnAsync<Guid>("SELECT id FROM eigenpal.submissions WHERE state = 'undetermined' ORDER BY updated_at, id"),
            awaiting.Select(a => Guid.Parse((string)a!["id"]!)));

        var throughput = (await dashboard.JsonAsync("/api/v1/throughput?hours=1")).AsArray();
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"), throughput.Sum(m => (long)m!["submitted"]!));
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE completed_at IS NOT NULL"), throughput.Sum(m => (long)m!["finished"]!));

        var durations = (await dashboard.JsonAsync("/api/v1/durations")).AsArray();
        Assert.Equal(
            await db.ColumnAsync<string>("SELECT workflow || '|' || count(*) FROM eigenpal.executions WHERE status = 'completed' GROUP BY workflow ORDER BY workflow"),
            durations.Select(d => $"{(string?)d!["workflow"]}|{(long)d["runs"]!}"));
    }

    [Fact]
    public async Task The_api_key_appears_on_no_page_and_in_no_response()
    {
        var key = dashboard.Scenario.Simulator.ApiKey;
        var failed = (await dashboard.Database.ListedIdsAsync("state = 'failed'", 1)).Single();
        string[] paths =
        [
            "/", "/submissions", "/batches", $"/batches/{dashboard.MarchBatch}", $"/submissions/{dashboard.ScriptSubmission}", $"/submissions/{failed}",
            "/api/v1/totals", "/api/v1/batches", $"/api/v1/batches/{dashboard.MarchBatch}", "/api/v1/submissions?limit=500",
            $"/api/v1/submissions/{failed}", "/api/v1/failure-reasons", "/api/v1/stuck", "/api/v1/awaiting-decision",
            "/api/v1/throughput", "/api/v1/durations", $"/batches/{dashboard.MarchBatch}/results.jsonl", $"/batches/{dashboard.MarchBatch}/results.csv",
        ];
        foreach (var path in paths)
        {
            Assert.DoesNotContain(key, await dashboard.TextAsync(path), StringComparison.Ordinal);
        }

        Assert.NotNull(JsonNode.Parse(await dashboard.TextAsync("/api/v1/submissions?limit=1"))!["next_cursor"]);
    }
}
