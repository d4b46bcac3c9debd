using Eigenpal.Simulator.Options;
using System.Text.Json.Nodes;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Durability;

/// <summary>Runs the API refuses for good end in the error state with the reason, and are not retried.</summary>
[Collection(PostgresTests.Name)]
public sealed class RefusalTests(PostgresServer postgres)
{
    [Fact]
    public async Task Permanent_refusals_end_in_error_with_the_reason_and_create_nothing()
    {
        // The one run that is accepted must complete: the quick runs' 10 % failures would make this test flaky.
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["classify-text"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Uniform(300, 1500), FailureRate = 0, RejectionRate = 0,
        });
        await scenario.Database.Intake.RecordBatchAsync("refused", [
            new NewSubmission { Workflow = "archived-flow", SourceName = "forbidden", Input = new JsonObject { ["text"] = "x" } },
            new NewSubmission { Workflow = "classify-text", SourceName = "missing-input", Input = new JsonObject { ["note"] = "no text" } },
            new NewSubmission { Workflow = "no-such-flow", SourceName = "unknown-workflow" },
            SampleSubmissions.Text(1, "refused"),
        ]);

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(4, TimeSpan.FromSeconds(60));

        var reasons = await scenario.Database.ColumnAsync<string>(
            "SELECT source_name || ' ' || state || ' ' || coalesce(state_reason, '') FROM eigenpal.submissions ORDER BY source_name");
        Assert.Collection(reasons,
            r => Assert.StartsWith("forbidden error 403", r, StringComparison.Ordinal),
            r => Assert.Matches(@"^missing-input error 400 .*body\.input\.text", r),
            r => Assert.StartsWith("text-00001 completed", r, StringComparison.Ordinal),
            r => Assert.StartsWith("unknown-workflow error 404", r, StringComparison.Ordinal));
        var counters = scenario.Simulator.GetCounters();
        Assert.Equal(1, counters.ExecutionsCreated);
        // One run request each: a permanent refusal is not retried.
        Assert.Equal(4, counters.RequestsTo(Eigenpal.Simulator.Endpoints.EndpointNames.RunWorkflow));
        Assert.Equal(3, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'refused' AND remote_id IS NULL"));
    }
}
