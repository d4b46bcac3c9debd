using Eigenpal.Simulator.Endpoints;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Durability;

[Collection(PostgresTests.Name)]
public sealed class BatchProcessingTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task A_batch_reaches_final_states_with_exactly_one_remote_execution_each_and_no_secret_is_stored_or_logged(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: surface);
        await scenario.Database.Intake.RecordBatchAsync("batch-300", SampleSubmissions.Mixed(300, "b300"));

        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(300, TimeSpan.FromSeconds(90));

        var counts = await scenario.Database.CountByStateAsync();
        Assert.Equal(300, await scenario.Database.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.executions WHERE surface = '{surface}'"));
        var simulator = scenario.Simulator.GetCounters();
        Assert.Equal(300, simulator.ExecutionsCreated);
        Assert.Equal(0, simulator.DuplicateInputExecutions);
        Assert.Equal(300, counts.GetValueOrDefault(SubmissionState.Completed.Name()) + counts.GetValueOrDefault(SubmissionState.Failed.Name()) + counts.GetValueOrDefault(SubmissionState.Rejected.Name()));
        Assert.True(counts.GetValueOrDefault(SubmissionState.Failed.Name()) > 0, "the simulator fails about 10 % of runs; some failures should be recorded");

        // Every completed execution carries its result, every failed one its error, and the history has each transition.
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'completed' AND result IS NULL"));
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'failed' AND (error IS NULL OR error = '')"));
        Assert.Equal(300, await scenario.Database.ScalarAsync<long>("SELECT count(DISTINCT remote_id) FROM eigenpal.executions"));
        Assert.Equal(300, await scenario.Database.ScalarAsync<long>(
            "SELECT count(DISTINCT execution_id) FROM eigenpal.status_changes WHERE to_status IN ('completed', 'failed', 'rejected')"));
        // Results are the documents' own: each completed invoice's number is the one written in its file.
        Assert.True(await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE workflow = 'extract-invoice' AND state = 'completed'") > 0);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.executions e JOIN eigenpal.submissions s ON s.id = e.submission_id
            WHERE e.status = 'completed' AND s.workflow = 'extract-invoice'
              AND e.result->>'invoiceNumber' IS DISTINCT FROM 'INV-b300-' || substring(s.source_name from 'invoice-([0-9]+)')
            """));

        // The API key reached neither the logs nor the database (ours or Hangfire's).
        Assert.DoesNotContain(scenario.Simulator.ApiKey, scenario.Workers[0].Output, StringComparison.Ordinal);
        Assert.Equal(0, await scenario.Database.RowsContainingAsync(scenario.Simulator.ApiKey));

        // Polling is cheaper than one get per execution per poll: list calls answer for many at once.
        var (get, list) = surface == "v1"
            ? (Eigenpal.Simulator.V1.V1EndpointNames.GetRun, Eigenpal.Simulator.V1.V1EndpointNames.ListRuns)
            : (EndpointNames.GetExecution, EndpointNames.ListExecutions);
        var statusCalls = simulator.RequestsTo(get) + simulator.RequestsTo(list);
        Assert.True(simulator.RequestsTo(list) > 0, "the poller should use the list endpoint for a batch");
        Assert.True(statusCalls < 300 * 3, $"{statusCalls} status calls for 300 executions");
    }
}
