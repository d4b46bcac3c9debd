using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Durability;

/// <summary>The API misbehaving (lost responses, 429 storms, 5xx) delays work but never loses or duplicates it.</summary>
[Collection(PostgresTests.Name)]
public sealed class FaultToleranceTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task A_run_whose_response_is_lost_is_reconciled_to_the_existing_execution_not_sent_again(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
            o.Faults = new FaultOptions { LostRunResponseRate = 0.3, Endpoints = [StartEndpoint(surface)] }, surface);
        await scenario.Database.Intake.RecordBatchAsync("lost", SampleSubmissions.Mixed(100, "lost"));

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(100, TimeSpan.FromSeconds(90));

        var counters = scenario.Simulator.GetCounters();
        Assert.True(counters.LostResponses > 10, $"only {counters.LostResponses} responses were lost");
        await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
        Assert.Equal(counters.LostResponses, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM eigenpal.status_changes WHERE detail LIKE 'reconciled:%'"));
    }

    [Fact]
    public async Task A_run_that_never_reached_the_API_is_proven_absent_and_sent_again_as_a_new_attempt()
    {
        // A third of the run requests hang without creating anything; the client gives up after 2 s.
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
            o.Faults = new FaultOptions { HangRate = 0.3, HangMs = 30_000, Endpoints = ["runWorkflow"] });
        scenario.Settings["Eigenpal__Timeout"] = "00:00:02";
        scenario.Settings["Eigenpal__Sender__UnknownOutcomeSettleTime"] = "00:00:03";
        await scenario.Database.Intake.RecordBatchAsync("hung", SampleSubmissions.Mixed(20, "hung"));

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(20, TimeSpan.FromSeconds(120));

        Assert.True(scenario.Simulator.GetCounters().Hung > 0, "some run requests should have hung");
        await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
        Assert.True(await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'not-created'") > 0);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE attempt > 1 AND state = 'completed' AND NOT EXISTS " +
            "(SELECT 1 FROM eigenpal.executions e WHERE e.submission_id = submissions.id AND e.attempt = submissions.attempt - 1 AND e.status = 'not-created')"));
    }

    [Fact]
    public async Task A_lost_run_that_cannot_be_matched_is_marked_undetermined_and_never_sent_twice()
    {
        // Every run is created but its response lost, and list items carry no triggerInput to match.
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Faults = new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] };
            o.Modes.FileEcho = FileEchoMode.None;
        });
        scenario.Settings["Eigenpal__Sender__UnknownOutcomeSettleTime"] = "00:00:03";
        await scenario.Database.Intake.RecordBatchAsync("unmatchable", SampleSubmissions.Mixed(10, "unmatchable"));

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(10, TimeSpan.FromSeconds(90));

        var counters = scenario.Simulator.GetCounters();
        Assert.Equal(10, counters.ExecutionsCreated);
        Assert.Equal(10, counters.RequestsTo(Eigenpal.Simulator.Endpoints.EndpointNames.RunWorkflow));
        Assert.Equal(10, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM eigenpal.submissions WHERE state = 'undetermined' AND state_reason LIKE '%not resent automatically%'"));
    }

    [Fact]
    public async Task On_v1_the_same_unmatchable_lost_runs_are_all_adopted_through_their_metadata()
    {
        // As above, but sent on v1: the input echo still tells nothing, the run metadata tells everything.
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Faults = new FaultOptions { LostRunResponseRate = 1, Endpoints = [StartEndpoint("v1")] };
            o.Modes.FileEcho = FileEchoMode.None;
        }, "v1");
        scenario.Settings["Eigenpal__Sender__UnknownOutcomeSettleTime"] = "00:00:03";
        await scenario.Database.Intake.RecordBatchAsync("unmatchable", SampleSubmissions.Mixed(10, "unmatchable"));

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(10, TimeSpan.FromSeconds(90));

        var counters = scenario.Simulator.GetCounters();
        Assert.Equal((10, 10), (counters.LostResponses, counters.RequestsTo(StartEndpoint("v1"))));
        await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
        Assert.Equal(10, await scenario.Database.ScalarAsync<long>(
            "SELECT count(*) FROM eigenpal.status_changes WHERE detail LIKE 'reconciled:%its run metadata%'"));
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task Rate_limit_storms_and_server_errors_delay_the_batch_but_every_call_waits_out_Retry_After(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
            o.Faults = new FaultOptions { RateLimitPerSecond = 40, RateLimitBurst = 10, ServerErrorRate = 0.1, ServiceUnavailableShare = 0.5 }, surface);
        // The fleet's own limit (60/s) is above the API's (40/s): both the limiter's waits and the API's 429s happen.
        scenario.Settings["Eigenpal__RateLimit__RequestsPerSecond"] = "60";
        scenario.Settings["Eigenpal__RateLimit__Burst"] = "10";
        // A v1 submission costs about three calls (upload, start, a get for a completed run's output) where a
        // legacy one costs about one: 100 of them make as much of a storm as 150 legacy ones, in CI's time.
        var count = surface == "v1" ? 100 : 150;
        await scenario.Database.Intake.RecordBatchAsync("storm", SampleSubmissions.Mixed(count, "storm"));

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(count, TimeSpan.FromSeconds(150));

        var counters = scenario.Simulator.GetCounters();
        Assert.True(counters.RateLimited > 0, "the storm should have produced 429s");
        Assert.True(counters.ServerErrors > 0, "the storm should have produced 5xx answers");
        Assert.True(counters.RequestsBeforeRetryAfter == 0,
            $"{counters.RequestsBeforeRetryAfter} requests arrived inside a Retry-After:\n" + string.Join("\n", scenario.Simulator.EarlyRequests()));
        // A 5xx on a run may or may not have created the execution; reconciliation decides, never a blind resend.
        await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(scenario);
    }

    private static string StartEndpoint(string surface) =>
        surface == "v1" ? Eigenpal.Simulator.V1.V1EndpointNames.StartRun : Eigenpal.Simulator.Endpoints.EndpointNames.RunWorkflow;
}
