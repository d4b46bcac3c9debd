using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>An operator settles undetermined submissions with <c>eigenpal resolve</c>; <c>status</c> lists what awaits a decision.</summary>
[Collection(PostgresTests.Name)]
public sealed class ResolveTests(PostgresServer postgres)
{
    [Fact]
    public async Task Undetermined_submissions_are_listed_and_settled_by_an_operator_with_who_and_why_recorded()
    {
        // Both runs are created but their responses lost, and list items echo nothing: the two lost
        // attempts and the two executions in their windows cannot be told apart.
        await using var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Faults = new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] };
            o.Modes.FileEcho = FileEchoMode.None;
        });
        scenario.Settings["Eigenpal__Sender__UnknownOutcomeSettleTime"] = "00:00:02";
        var recorded = await scenario.Database.Intake.RecordBatchAsync("undecided", [SampleSubmissions.Invoice(0, "undecided"), SampleSubmissions.Invoice(2, "undecided")]);
        scenario.StartWorker();
        await scenario.WaitForAllFinalAsync(2, TimeSpan.FromSeconds(60));

        var (first, second) = (recorded.Submissions[0].Id, recorded.Submissions[1].Id);
        var candidates = await scenario.Database.ColumnAsync<string[]>(
            $"SELECT e.candidates FROM eigenpal.executions e WHERE e.submission_id = '{first}' AND e.status = 'undetermined'");
        var named = Assert.Single(candidates);
        Assert.Equal(2, named.Length);

        var status = await CliRun.RunAsync(scenario.Settings, "status");
        Assert.Equal(ExitCodes.Success, status.ExitCode);
        Assert.Contains("Awaiting a decision", status.Output, StringComparison.Ordinal);
        Assert.Contains(first.ToString(), status.Output, StringComparison.Ordinal);
        Assert.Contains(named[0], status.Output, StringComparison.Ordinal);

        // The operator checked: the first execution is the first submission's run.
        var adopt = await CliRun.RunAsync(scenario.Settings, "resolve", first.ToString(), "--execution", named[0], "--reason", "checked in Studio", "--by", "ops@example");
        Assert.True(adopt.ExitCode == ExitCodes.Success, adopt.ToString());
        Assert.Equal(1, await scenario.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM eigenpal.executions WHERE submission_id = '{first}' AND remote_id = '{named[0]}' AND status <> 'undetermined'"));
        Assert.Equal(1, await scenario.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM eigenpal.status_changes c JOIN eigenpal.executions e ON e.id = c.execution_id WHERE e.submission_id = '{first}' " +
            "AND c.from_status = 'undetermined' AND c.observed_by = 'ops@example' AND c.detail LIKE '%adopted execution%checked in Studio%'"));

        // That execution cannot also be the second submission's run.
        var taken = await CliRun.RunAsync(scenario.Settings, "resolve", second.ToString(), "--execution", named[0]);
        Assert.Equal(ExitCodes.BadInput, taken.ExitCode);
        Assert.Contains("already recorded for another attempt", taken.Output, StringComparison.Ordinal);

        // Deciding on something that is not undetermined is refused.
        var twice = await CliRun.RunAsync(scenario.Settings, "resolve", first.ToString(), "--not-sent");
        Assert.Equal(ExitCodes.BadInput, twice.ExitCode);
        Assert.Contains("not undetermined", twice.Output, StringComparison.Ordinal);

        // The operator decides the second one's request created nothing: it is sent again as attempt 2.
        scenario.Simulator.SetFaults(new FaultOptions());
        var notSent = await CliRun.RunAsync(scenario.Settings, "resolve", second.ToString(), "--not-sent", "--reason", "the other execution belongs to someone else", "--by", "ops@example");
        Assert.True(notSent.ExitCode == ExitCodes.Success, notSent.ToString());
        await Eventually.WaitAsync(
            () => scenario.Database.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.executions WHERE submission_id = '{second}' AND attempt = 2 AND remote_id IS NOT NULL"),
            n => n == 1, TimeSpan.FromSeconds(30), "the second submission to be sent again as attempt 2", scenario.Database.DescribeAsync);
        Assert.Equal("not-created", await scenario.Database.ScalarAsync<string>(
            $"SELECT status FROM eigenpal.executions WHERE submission_id = '{second}' AND attempt = 1"));
    }
}
