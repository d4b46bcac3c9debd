using Eigenpal.Reprocessing;
using Eigenpal.Storage;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>
/// The preview (what the next run would take, counted in SQL groups) says exactly what a dry run says,
/// reason by reason, over a store that holds every kind of case the policy tells apart: the API's retryable
/// flag given either way or not at all, categories and errors a workflow's rules refuse, attempts on both
/// sides of the maximum, inputs never stored, purged files with and without a v1 run to rerun, failures
/// younger than the minimum age, attempts with no end time, submissions without an attempt, rejected,
/// cancelled and error ones inside and outside the window, and more qualifying failures than the cap.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ReprocessPreviewTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_preview_counts_what_the_dry_run_judges_for_every_selection()
    {
        var db = await TrackingDatabase.CreateAsync(postgres);
        await using var _ = db;
        await db.Intake.RecordBatchAsync("first", SampleSubmissions.Mixed(300, "first"));
        await db.Intake.RecordBatchAsync("second", SampleSubmissions.Mixed(200, "second"));
        await SeedVarietyAsync(db);
        await using var services = Services(db.ConnectionString);
        var runner = services.GetRequiredService<ReprocessRunner>();
        ReprocessSelection[] selections =
        [
            new(), new(Workflow: "classify-text"), new(Workflow: "extract-invoice"), new(Batch: "second"), new(Since: TimeSpan.FromDays(1)),
            new(MaxAttempts: 2), new(Cap: 5), new(Cap: 100_000),
        ];
        foreach (var selection in selections)
        {
            var dry = await runner.RunAsync(new ReprocessRequest(ReprocessTrigger.Dashboard, selection, DryRun: true));
            var preview = await runner.PreviewAsync(selection);
            Assert.Equal(Describe(dry), Describe(preview));
            Assert.True(preview.DryRun);
        }

        // The store really held the variety: every reason but "taken meanwhile" (which only a real run meets) was counted.
        var all = await runner.PreviewAsync(new ReprocessSelection(Cap: 5));
        Assert.All(SkipReasons.All.Where(r => r != SkipReason.TakenMeanwhile), r => Assert.True(all.Skipped[r] > 0, $"no '{r.Name()}' in the seeded store"));
        Assert.True(all.Qualified > 5);
    }

    [Fact]
    public async Task The_preview_of_a_batch_run_by_a_real_worker_equals_the_dry_run()
    {
        await using var scenario = await FailedBatch.StartAsync(postgres, 40);
        // Some failures young again, so the minimum age splits them.
        await using (var young = scenario.Database.DataSource.CreateCommand(
            "UPDATE eigenpal.executions SET completed_at = now() WHERE status = 'failed' AND abs(hashtext(id::text)) % 3 = 0"))
        {
            await young.ExecuteNonQueryAsync();
        }

        await using var services = Services(scenario.Database.ConnectionString);
        var runner = services.GetRequiredService<ReprocessRunner>();
        var dry = await runner.RunAsync(new ReprocessRequest(ReprocessTrigger.Command, new ReprocessSelection(), DryRun: true));
        Assert.Equal(Describe(dry), Describe(await runner.PreviewAsync(new ReprocessSelection())));
        Assert.True(dry.Candidates > 0);
    }

    private static string Describe(ReprocessReport report) =>
        $"qualified {report.Qualified}, resubmitted {report.Resubmitted}; " +
        string.Join(", ", report.Skipped.OrderBy(s => s.Key).Select(s => $"{s.Key.Name()} {s.Value}"));

    // Every recorded submission is given an end (mostly failed) and an attempt with the properties above,
    // spread by its row number; some files are purged.
    private static async Task SeedVarietyAsync(TrackingDatabase db)
    {
        await using var seed = db.DataSource.CreateCommand("""
            WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM eigenpal.submissions),
            moved AS (
                UPDATE eigenpal.submissions s
                SET state = CASE WHEN n % 11 = 0 THEN 'rejected' WHEN n % 13 = 0 THEN 'cancelled' WHEN n % 17 = 0 THEN 'error'
                                 WHEN n % 19 = 0 THEN 'completed' ELSE 'failed' END,
                    attempt = 1 + n % 4,
                    inputs_missing = CASE WHEN n % 23 = 0 THEN 'imported: the run''s inputs were never stored here' END,
                    state_reason = CASE WHEN n % 5 = 0 THEN 'Document is password protected' ELSE 'worker gave up' END,
                    updated_at = now() - (n % 7) * interval '20 minutes' - (n % 3) * interval '1 day'
                FROM numbered WHERE s.id = numbered.id
                RETURNING s.id, s.workflow, s.attempt, s.state, numbered.n)
            INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, remote_id, status, sent_at, completed_at, error, failure_category, retryable, surface)
            SELECT gen_random_uuid(), id, attempt, workflow, 'exec_' || id, CASE WHEN state = 'error' THEN 'failed' ELSE state END, now() - interval '3 days',
                   CASE WHEN n % 29 <> 0 THEN now() - (n % 9) * interval '10 minutes' - (n % 2) * interval '2 days' END,
                   (ARRAY['The model provider did not answer in time.', 'Document is password protected', 'Page 3 unreadable', NULL])[1 + n % 4],
                   (ARRAY['runtime', 'input', 'provider', NULL, 'timeout'])[1 + n % 5],
                   CASE n % 3 WHEN 0 THEN true WHEN 1 THEN false END,
                   CASE WHEN n % 2 = 0 THEN 'v1' ELSE 'legacy' END
            FROM moved WHERE n % 31 <> 0;
            UPDATE eigenpal.submission_files SET content = NULL, purged_at = now() WHERE abs(hashtext(submission_id::text)) % 3 = 0;
            """);
        await seed.ExecuteNonQueryAsync();
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Eigenpal"] = connectionString,
            ["Eigenpal:Reprocess:MinAge"] = "01:00:00",
            ["Eigenpal:Reprocess:CapPerRun"] = "40",
            ["Eigenpal:Reprocess:Workflows:extract-invoice:MaxAttempts"] = "3",
            ["Eigenpal:Reprocess:Workflows:extract-invoice:NotRetryableCategories:0"] = "input",
            ["Eigenpal:Reprocess:Workflows:extract-invoice:NotRetryableErrorPattern"] = "password",
            ["Eigenpal:Reprocess:Workflows:classify-text:NotRetryableCategories:0"] = "PROVIDER",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEigenpalStore(configuration);
        services.AddEigenpalTracking(configuration);
        return services.BuildServiceProvider();
    }
}
