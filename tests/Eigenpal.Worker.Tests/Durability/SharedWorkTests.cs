using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Durability;

/// <summary>Several worker processes on one database split the work without doing any of it twice.</summary>
[Collection(PostgresTests.Name)]
public sealed class SharedWorkTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task Two_workers_complete_a_batch_without_duplicates_and_both_take_part_in_polling(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: surface, configure: o =>
        {
            // Longer runs keep many executions in flight at once, so both workers find due ones.
            o.Workflows["extract-invoice"].Duration = Eigenpal.Simulator.Options.DurationOptions.Uniform(2000, 5000);
            o.Workflows["classify-text"].Duration = Eigenpal.Simulator.Options.DurationOptions.Uniform(2000, 5000);
        });
        scenario.Settings["Eigenpal__Polling__ClaimBatchSize"] = "20";
        scenario.Settings["Logging__LogLevel__Eigenpal.Polling"] = "Debug";
        await scenario.Database.Intake.RecordBatchAsync("shared", SampleSubmissions.Mixed(400, "shared"));

        var a = scenario.StartWorker();
        var b = scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(400, TimeSpan.FromSeconds(120));

        await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
        // Both started cleanly against the fresh database (Hangfire's schema installed once, in turn).
        Assert.DoesNotContain("fail: ", a.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail: ", b.Output, StringComparison.Ordinal);
        // Each poll job that claimed due executions says so (at Debug level): both processes did.
        Assert.Contains("Polled ", a.Output, StringComparison.Ordinal);
        Assert.Contains("Polled ", b.Output, StringComparison.Ordinal);
    }
}
