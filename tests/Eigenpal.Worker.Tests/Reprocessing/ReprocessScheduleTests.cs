using Eigenpal.Reprocessing;
using Eigenpal.Worker.Jobs;
using Eigenpal.Worker.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>The recurring job <c>reprocess-failed</c>: where Hangfire schedules it, what fires it, and what stops a worker that cannot schedule it.</summary>
[Collection(PostgresTests.Name)]
public sealed class ReprocessScheduleTests(PostgresServer postgres)
{
    [Fact]
    public async Task Hangfire_schedules_the_next_run_on_the_cron_in_its_zone_across_both_daylight_saving_changes()
    {
        await using var db = await TrackingDatabase.CreateAsync(postgres);
        var storage = HangfireStore.For(db.ConnectionString, installSchema: true);
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero));
        var manager = new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => clock.GetUtcNow().UtcDateTime);
        ReprocessFailedJob.Register(manager, new ReprocessOptions { Schedule = "30 2 * * *", TimeZone = "Europe/Berlin" });

        DateTime Next()
        {
            using var connection = storage.GetConnection();
            var job = connection.GetRecurringJobs([ReprocessFailedJob.RecurringJobId]).Single();
            Assert.Equal(("30 2 * * *", "Europe/Berlin"), (job.Cron, job.TimeZoneId));
            return job.NextExecution ?? throw new InvalidOperationException("no next execution: " + job.Error);
        }

        DateTime FireAndNext(DateTime at)
        {
            clock.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
            Assert.NotNull(manager.TriggerJob(ReprocessFailedJob.RecurringJobId));
            return Next();
        }

        // Spring forward (28 March 2027): 02:30 does not exist that night; the run comes right after the gap, 03:00 CEST.
        var spring = Next();
        Assert.Equal(new DateTime(2027, 3, 28, 1, 0, 0, DateTimeKind.Utc), spring);
        Assert.Equal(new DateTime(2027, 3, 29, 0, 30, 0, DateTimeKind.Utc), FireAndNext(spring));

        // Fall back (31 October 2027): 02:30 happens twice that night; the job runs at the first only.
        var fall = FireAndNext(new DateTime(2027, 10, 30, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2027, 10, 31, 0, 30, 0, DateTimeKind.Utc), fall);
        Assert.Equal(new DateTime(2027, 11, 1, 1, 30, 0, DateTimeKind.Utc), FireAndNext(fall));
    }

    [Fact]
    public async Task The_job_runs_on_its_schedule_and_from_the_dashboards_trigger_and_each_report_says_which()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        scenario.Settings["Eigenpal__Reprocess__Schedule"] = "*/2 * * * * *";
        scenario.Settings["Eigenpal__Reprocess__TimeZone"] = "America/New_York";
        scenario.StartWorker();
        var db = scenario.Database;

        await Eventually.WaitAsync(() => db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.reprocess_runs WHERE trigger = 'schedule' AND finished_at IS NOT NULL"),
            n => n > 0, TimeSpan.FromSeconds(30), "a scheduled reprocess run", async () => scenario.WorkerOutputTail());
        var registered = HangfireStore.For(db.ConnectionString).GetConnection().GetRecurringJobs([ReprocessFailedJob.RecurringJobId]).Single();
        Assert.Equal(("*/2 * * * * *", "America/New_York"), (registered.Cron, registered.TimeZoneId));

        HangfireStore.TriggerNow(db.ConnectionString, ReprocessFailedJob.RecurringJobId);
        await Eventually.WaitAsync(() => db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.reprocess_runs WHERE trigger = 'dashboard' AND finished_at IS NOT NULL"),
            n => n == 1, TimeSpan.FromSeconds(30), "the triggered reprocess run", async () => scenario.WorkerOutputTail());
    }

    [Theory]
    [InlineData("Schedule", "0 25 * * *", "Eigenpal:Reprocess:Schedule '0 25 * * *' is not a valid cron expression")]
    [InlineData("TimeZone", "Mars/Olympus", "Eigenpal:Reprocess:TimeZone 'Mars/Olympus' is not a known time zone")]
    public async Task A_cron_or_zone_that_cannot_be_read_stops_the_worker_at_start_naming_the_setting(string setting, string value, string message)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        scenario.Settings[$"Eigenpal__Reprocess__{setting}"] = value;
        var worker = scenario.StartWorker();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, worker.ExitCode);
        Assert.Contains(message, worker.Output, StringComparison.Ordinal);
    }
}
