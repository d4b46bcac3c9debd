using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Hosting;
using Eigenpal.Worker.Jobs;
using Eigenpal.Worker.Tests.Infrastructure;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;

namespace Eigenpal.Worker.Tests.Retention;

/// <summary>
/// The recurring job <c>purge-inputs</c> in a real worker process: registered in Hangfire's storage with the configured
/// cron and zone, triggerable as from the dashboard, and a bad cron or zone stops the start naming the setting.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PurgeInputsJobTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_job_is_registered_with_the_configured_cron_and_zone_and_purges_real_runs_when_triggered()
    {
        const int batch = 12;
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        scenario.Settings["Eigenpal__Retention__Schedule"] = "15 4 * * *";
        scenario.Settings["Eigenpal__Retention__TimeZone"] = "Europe/Berlin";
        await scenario.Database.Intake.RecordBatchAsync("retention", Enumerable.Range(0, batch).Select(i => SampleSubmissions.Invoice(i, "retention")).ToList());
        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(batch, TimeSpan.FromSeconds(90));

        var storage = HangfireStorage(scenario.Database.ConnectionString);
        var job = await Eventually.WaitAsync(
            () => Task.FromResult(RecurringJobs(storage).SingleOrDefault(j => j.Id == PurgeInputsJob.RecurringJobId)),
            j => j is not null, TimeSpan.FromSeconds(30), "the recurring job purge-inputs to be registered", async () => scenario.WorkerOutputTail());
        Assert.Equal("15 4 * * *", job!.Cron);
        Assert.Equal("Europe/Berlin", job.TimeZoneId);
        // 04:15 in Berlin is 03:15 UTC in winter, 02:15 UTC in summer.
        Assert.Equal(new TimeOnly(4, 15), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(job.NextExecution!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"))));

        // The runs ended seconds ago: age them past the retention, as a month would.
        await scenario.Database.ScalarAsync<long>("WITH aged AS (UPDATE eigenpal.submissions SET updated_at = now() - interval '40 days' RETURNING 1) SELECT count(*) FROM aged");
        var expected = await scenario.Database.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.state IN ('completed', 'rejected') OR (s.state = 'failed' AND e.retryable = false)
            """);
        var storedBefore = await scenario.Database.ScalarAsync<long>("SELECT sum(octet_length(content)) FROM eigenpal.submission_files");

        new RecurringJobManager(storage).Trigger(PurgeInputsJob.RecurringJobId);
        await Eventually.WaitAsync(
            () => scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_files WHERE content IS NULL AND purged_at IS NOT NULL"),
            purged => purged >= expected, TimeSpan.FromSeconds(30), $"{expected} submissions' files to be purged by the job", async () => scenario.WorkerOutputTail());

        Assert.True(expected > 0, "the simulator's runs should mostly complete");
        Assert.Equal(batch, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_files"));
        Assert.True(await scenario.Database.ScalarAsync<long>("SELECT COALESCE(sum(octet_length(content)), 0) FROM eigenpal.submission_files") < storedBefore);
        // Retryable failures with attempts left keep their bytes for the next reprocess run.
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.submission_files f JOIN eigenpal.submissions s ON s.id = f.submission_id
            JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE f.content IS NULL AND s.state = 'failed' AND e.retryable IS DISTINCT FROM false
            """));
        await Eventually.WaitAsync(
            () => Task.FromResult(scenario.WorkerOutputTail()), output => output.Contains($"Retention: purged the stored files of {expected} submission(s)", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the job's log line");
    }

    [Fact]
    public async Task Disabled_the_job_is_left_out_while_the_poll_tick_is_registered()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        scenario.Settings["Eigenpal__Retention__Enabled"] = "false";
        scenario.StartWorker();

        var storage = HangfireStorage(scenario.Database.ConnectionString);
        var jobs = await Eventually.WaitAsync(
            () => Task.FromResult(RecurringJobs(storage)), js => js.Any(j => j.Id == PollTickJob.RecurringJobId), TimeSpan.FromSeconds(30),
            "the worker to register its recurring jobs", async () => scenario.WorkerOutputTail());
        Assert.DoesNotContain(jobs, j => j.Id == PurgeInputsJob.RecurringJobId);
    }

    [Theory]
    [InlineData("Eigenpal__Retention__Schedule", "every night", "Eigenpal:Retention:Schedule 'every night' is not a cron expression")]
    [InlineData("Eigenpal__Retention__TimeZone", "Mars/Olympus_Mons", "Eigenpal:Retention:TimeZone 'Mars/Olympus_Mons' is not a known time zone")]
    public async Task A_bad_cron_or_zone_stops_the_worker_at_start_naming_the_setting(string key, string value, string message)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        scenario.Settings[key] = value;
        var worker = scenario.StartWorker();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(worker.ExitCode == ExitCodes.BadInput, $"exit {worker.ExitCode}:\n{worker.Output}");
        Assert.Contains(message, worker.Output, StringComparison.Ordinal);
    }

    private static PostgreSqlStorage HangfireStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = WorkerServiceCollectionExtensions.HangfireSchema, PrepareSchemaIfNecessary = false };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static List<RecurringJobDto> RecurringJobs(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }
}
