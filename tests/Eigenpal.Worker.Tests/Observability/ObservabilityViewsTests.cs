using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary>The SQL views of migration 0008 answer what direct SQL over the tables answers, after a real batch.</summary>
[Collection(PostgresTests.Name)]
public sealed class ObservabilityViewsTests(PostgresServer postgres)
{
    private const int BatchSize = 30;

    [Fact]
    public async Task Views_answer_the_same_numbers_as_direct_sql_after_a_batch()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        var database = scenario.Database;
        var batch = await database.Intake.RecordBatchAsync("views", SampleSubmissions.Mixed(BatchSize, "views"));
        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(BatchSize, TimeSpan.FromSeconds(90));
        await scenario.Workers[0].StopAsync(TimeSpan.FromSeconds(30));
        // Work that is not final yet, for the stuck-work view.
        await database.Intake.RecordBatchAsync("views-waiting", SampleSubmissions.Mixed(2, "views-waiting"));

        await AssertSameAsync(database,
            "SELECT workflow || '/' || state || '=' || submissions FROM eigenpal.v_submission_totals",
            "SELECT workflow || '/' || state || '=' || count(*) FROM eigenpal.submissions GROUP BY workflow, state");

        await AssertSameAsync(database,
            $"SELECT concat_ws(',', submissions, final, completed, unsuccessful, undetermined, in_flight) FROM eigenpal.v_batch_progress WHERE batch_id = '{batch.BatchId}'",
            $"""
            SELECT concat_ws(',', count(*),
                   count(*) FILTER (WHERE state IN ('completed', 'failed', 'cancelled', 'rejected', 'error', 'undetermined', 'vanished')),
                   count(*) FILTER (WHERE state = 'completed'), count(*) FILTER (WHERE state IN ('failed', 'rejected', 'error', 'vanished')),
                   count(*) FILTER (WHERE state = 'undetermined'), count(*) FILTER (WHERE state IN ('pending', 'sending', 'running')))
            FROM eigenpal.submissions WHERE batch_id = '{batch.BatchId}'
            """);
        Assert.Equal(BatchSize, await database.ScalarAsync<long>($"SELECT final FROM eigenpal.v_batch_progress WHERE batch_id = '{batch.BatchId}'"));

        Assert.Equal(BatchSize + 2, await database.ScalarAsync<long>("SELECT sum(submitted) FROM eigenpal.v_throughput_per_minute"));
        Assert.Equal(BatchSize, await database.ScalarAsync<long>("SELECT sum(finished) FROM eigenpal.v_throughput_per_minute"));
        await AssertSameAsync(database,
            "SELECT minute::text || '=' || submitted FROM eigenpal.v_throughput_per_minute WHERE submitted > 0",
            "SELECT date_trunc('minute', created_at)::text || '=' || count(*) FROM eigenpal.submissions GROUP BY date_trunc('minute', created_at)");

        var durations = await database.ColumnAsync<double>(
            "SELECT EXTRACT(EPOCH FROM completed_at - sent_at)::float8 FROM eigenpal.executions WHERE workflow = 'extract-invoice' AND status = 'completed' ORDER BY 1");
        Assert.NotEmpty(durations);
        Assert.Equal(durations.Count, await database.ScalarAsync<long>("SELECT runs FROM eigenpal.v_duration_percentiles WHERE workflow = 'extract-invoice'"));
        Assert.Equal(Percentile(durations, 0.5), await database.ScalarAsync<double>("SELECT p50_seconds FROM eigenpal.v_duration_percentiles WHERE workflow = 'extract-invoice'"), 6);
        Assert.Equal(Percentile(durations, 0.95), await database.ScalarAsync<double>("SELECT p95_seconds FROM eigenpal.v_duration_percentiles WHERE workflow = 'extract-invoice'"), 6);

        var unsuccessful = await database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state IN ('failed', 'rejected', 'error', 'vanished', 'undetermined')");
        Assert.True(unsuccessful > 0, "the seeded simulator should fail or reject some runs");
        Assert.Equal(unsuccessful, await database.ScalarAsync<long>("SELECT COALESCE(sum(submissions), 0) FROM eigenpal.v_failure_reasons"));
        await AssertSameAsync(database,
            "SELECT state || ':' || reason || '=' || submissions FROM eigenpal.v_failure_reasons",
            "SELECT state || ':' || COALESCE(state_reason, '(no reason recorded)') || '=' || count(*) FROM eigenpal.submissions WHERE state IN ('failed', 'rejected', 'error', 'vanished', 'undetermined') GROUP BY state, COALESCE(state_reason, '(no reason recorded)')");

        await AssertSameAsync(database,
            "SELECT submission_id::text FROM eigenpal.v_stuck_work WHERE age >= interval '0'",
            "SELECT id::text FROM eigenpal.submissions WHERE state IN ('pending', 'sending', 'running')");
        Assert.Equal(2, await database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.v_stuck_work"));
    }

    private static async Task AssertSameAsync(TrackingDatabase database, string view, string direct)
    {
        var fromView = (await database.ColumnAsync<string>(view)).Order(StringComparer.Ordinal).ToList();
        var fromTables = (await database.ColumnAsync<string>(direct)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(fromTables);
        Assert.Equal(fromTables, fromView);
    }

    // PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks.
    private static double Percentile(List<double> sorted, double fraction)
    {
        var rank = fraction * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
