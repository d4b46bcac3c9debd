using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

[Collection(PostgresTests.Name)]
public sealed class CancelBatchTests(PostgresServer postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eigenpal-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Cancelling_a_batch_of_slow_runs_cancels_every_unfinished_submission()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["extract-invoice"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Fixed(30_000), FailureRate = 0, RejectionRate = 0,
        });
        for (var i = 0; i < 6; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, $"slow-{i}.txt"), $"Invoice No: INV-S-{i}");
        }

        var submit = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--batch", "slow", "--json");
        Assert.Equal(ExitCodes.Success, submit.ExitCode);
        scenario.StartWorker();
        await Eventually.WaitAsync(
            () => scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'running'"),
            running => running == 6, TimeSpan.FromSeconds(30), "all six runs to be running", scenario.Database.DescribeAsync);

        var cancel = await CliRun.RunAsync(scenario.Settings, "cancel", "--batch", "slow");

        Assert.True(cancel.ExitCode == ExitCodes.Success, cancel.ToString());
        Assert.Matches("cancel", cancel.Output);
        Assert.Equal(6, await scenario.Database.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.state = 'cancelled' OR e.cancel_outcome IS NOT NULL
            """));
        var again = await CliRun.RunAsync(scenario.Settings, "status", "--batch", "slow");
        Assert.Equal(ExitCodes.Success, again.ExitCode);
    }
}
