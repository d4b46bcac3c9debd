using Eigenpal.Reprocessing;
using Eigenpal.Storage;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>
/// A mass failure: 3,000 submissions failed at once. One run resubmits its cap, spread at the fleet's
/// rate rather than all at once; the rest are reported over the cap and taken by the next runs.
/// The failures are written into the store as the poller would have recorded them (3,000 real runs
/// would cost CI a minute and prove nothing more about the selection).
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ReprocessCapTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_cap_holds_with_three_thousand_failures_and_the_next_runs_take_the_rest()
    {
        var db = await TrackingDatabase.CreateAsync(postgres);
        await using var _ = db;
        var recorded = await db.Intake.RecordBatchAsync("outage", Enumerable.Range(0, 3000).Select(i => SampleSubmissions.Text(i, "outage")).ToList());
        await using (var seed = db.DataSource.CreateCommand("""
            WITH sent AS (
                UPDATE eigenpal.submissions SET state = 'failed', attempt = 1, state_reason = 'provider_timeout', updated_at = now() - interval '1 hour'
                WHERE batch_id = @batch RETURNING id, workflow)
            INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, remote_id, status, sent_at, completed_at, error, failure_category, retryable, made_because)
            SELECT gen_random_uuid(), id, 1, workflow, 'exec_outage_' || id, 'failed', now() - interval '2 hours',
                   now() - interval '1 hour' - row_number() OVER (ORDER BY id DESC) * interval '1 second',
                   'The model provider did not answer in time.', 'runtime', true, 'first submission'
            FROM sent
            """))
        {
            seed.Parameters.AddWithValue("batch", recorded.BatchId);
            await seed.ExecuteNonQueryAsync();
        }

        await using var services = Services(db.ConnectionString);
        var runner = services.GetRequiredService<ReprocessRunner>();
        var first = await runner.RunAsync(new ReprocessRequest(ReprocessTrigger.Command, new ReprocessSelection()));
        Assert.Equal((3000, 1000, 2000), (first.Qualified, first.Resubmitted, first.Skipped[SkipReason.OverTheCap]));
        // Oldest failure first: the thousand taken are the thousand oldest.
        Assert.Equal(1000, await db.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id
            WHERE s.state = 'pending' AND e.completed_at <= (SELECT completed_at FROM eigenpal.executions ORDER BY completed_at OFFSET 999 LIMIT 1)
            """));
        // Spread at the fleet's 50/s from the moment the run read them: the thousandth may go 999 / 50 s after the first.
        var spread = await db.ScalarAsync<double>("SELECT EXTRACT(EPOCH FROM max(not_before) - min(not_before)) FROM eigenpal.submissions WHERE state = 'pending'");
        Assert.Equal(19.98, spread, precision: 3);

        var second = await runner.RunAsync(new ReprocessRequest(ReprocessTrigger.Command, new ReprocessSelection()));
        var third = await runner.RunAsync(new ReprocessRequest(ReprocessTrigger.Command, new ReprocessSelection()));
        var fourth = await runner.RunAsync(new ReprocessRequest(ReprocessTrigger.Command, new ReprocessSelection()));
        // The ones moved already are pending, not candidates: each run takes the next thousand.
        Assert.Equal((2000, 1000, 1000), (second.Qualified, second.Resubmitted, second.Skipped[SkipReason.OverTheCap]));
        Assert.Equal((1000, 1000, 0), (third.Qualified, third.Resubmitted, third.Skipped[SkipReason.OverTheCap]));
        Assert.Equal(0, fourth.Candidates);
        Assert.Equal(3000, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'pending' AND state_reason LIKE 'reprocess run %'"));
        var history = await runner.HistoryAsync(10);
        Assert.Equal([0, 1000, 1000, 1000], history.Select(h => h.Resubmitted));
        Assert.Equal(2000, history[^1].Skipped[SkipReason.OverTheCap]);
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Eigenpal"] = connectionString,
            ["Eigenpal:RateLimit:RequestsPerSecond"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEigenpalStore(configuration);
        services.AddEigenpalTracking(configuration);
        return services.BuildServiceProvider();
    }
}
