using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary><c>/metrics</c> of a real worker process: Prometheus text whose numbers follow a batch as it runs.</summary>
[Collection(PostgresTests.Name)]
public sealed class MetricsEndpointTests(PostgresServer postgres)
{
    private const int BatchSize = 24;

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_move_when_a_batch_runs_without_the_api_key()
    {
        await using var observed = await ObservedWorker.StartAsync(postgres);
        var database = observed.Scenario.Database;
        var before = await observed.MetricsAsync();

        await database.Intake.RecordBatchAsync("metrics", SampleSubmissions.Mixed(BatchSize, "metrics"));
        await observed.Scenario.WaitForAllFinalAsync(BatchSize, TimeSpan.FromSeconds(90));

        // The store gauges are read in the background a few seconds apart: wait until they show the final numbers.
        var completed = await database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'completed'");
        var after = await Eventually.WaitAsync(observed.MetricsAsync,
            samples => Sum(samples, "eigenpal_submissions") == BatchSize && Sum(samples, "eigenpal_submissions", ("state", "completed")) == completed,
            TimeSpan.FromSeconds(30), "the submissions gauge to show the finished batch");

        foreach (var (workflow, state, count) in await TotalsAsync(database))
        {
            Assert.Equal(count, Sum(after, "eigenpal_submissions", ("workflow", workflow), ("state", state)));
        }

        var attempts = await database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions");
        Assert.Equal(0, Sum(before, "eigenpal_attempts_started_total"));
        Assert.Equal(attempts, Sum(after, "eigenpal_attempts_started_total"));
        var finishedByPolls = await database.ScalarAsync<long>(
            "SELECT count(DISTINCT execution_id) FROM eigenpal.status_changes WHERE detail LIKE 'seen by %' AND to_status IN ('completed', 'failed', 'cancelled', 'rejected')");
        Assert.True(finishedByPolls > 0, "no run was seen finishing by a poll");
        Assert.Equal(finishedByPolls, Sum(after, "eigenpal_attempts_finished_total"));
        Assert.InRange(Sum(after, "eigenpal_detection_lag_seconds_count"), 1, finishedByPolls);
        Assert.True(Sum(after, "eigenpal_poll_cycle_duration_seconds_count") > 0, "no poll cycle was measured");

        // API calls by endpoint and status: .NET's own HttpClient histogram, with the route template added.
        var runs = Sum(after, "http_client_request_duration_seconds_count", ("url_template", "/api/v1/workflows/{id}/run"));
        Assert.Equal(attempts, runs);
        Assert.True(Sum(before, "http_client_request_duration_seconds_count") < Sum(after, "http_client_request_duration_seconds_count"));
        Assert.Contains(after, s => s.Name == "http_client_request_duration_seconds_count" && s.Label("http_response_status_code") == "200"
            && s.Label("url_template") is "/api/v1/workflows/executions/{id}" or "/api/v1/workflows/{id}/executions");
        Assert.DoesNotContain(after, s => s.Label("url_template") is { } template && template.Contains("extract-invoice", StringComparison.Ordinal));
        Assert.Contains(after, s => s.Name == "eigenpal_jobs_enqueued" && s.Label("queue") == "poll");
        Assert.Contains(after, s => s.Name == "eigenpal_relay_backlog");

        var text = await observed.MetricsTextAsync();
        Assert.DoesNotContain(observed.Scenario.Simulator.ApiKey, text, StringComparison.Ordinal);
    }

    internal static double Sum(IEnumerable<PrometheusSample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Label(l.Label) == l.Value)).Sum(s => s.Value);

    private static async Task<List<(string Workflow, string State, long Count)>> TotalsAsync(TrackingDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT workflow, state, count(*) FROM eigenpal.submissions GROUP BY workflow, state");
        await using var reader = await command.ExecuteReaderAsync();
        var totals = new List<(string, string, long)>();
        while (await reader.ReadAsync())
        {
            totals.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return totals;
    }
}
