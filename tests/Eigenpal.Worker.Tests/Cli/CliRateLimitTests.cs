using Eigenpal.RateLimiting;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>The commands' API calls go through the fleet's rate limit and its 429 pause, like the workers'.</summary>
[Collection(PostgresTests.Name)]
public sealed class CliRateLimitTests(PostgresServer postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eigenpal-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FleetRateLimiter Limiter(TrackingDatabase database) => new(
        database.DataSource, Options.Create(new FleetRateLimitOptions()), TimeProvider.System, NullLogger<FleetRateLimiter>.Instance);

    [Fact]
    public async Task Submit_makes_no_API_request_while_a_429_pauses_the_fleet_and_checks_the_workflow_once_it_ends()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        var file = Path.Combine(_folder, "a.txt");
        await File.WriteAllTextAsync(file, "Invoice No: INV-P-1");
        var limiter = Limiter(scenario.Database);
        await limiter.PauseAsync(TimeSpan.FromSeconds(3), CancellationToken.None);

        var submit = CliRun.RunAsync(scenario.Settings, "submit", "--workflow", "extract-invoice", file, "--json");

        // Throughout the pause the command holds: no request reaches the API, and it has not finished.
        while (await limiter.RemainingPauseAsync(CancellationToken.None) > TimeSpan.FromMilliseconds(100))
        {
            Assert.Equal(0, scenario.Simulator.GetCounters().Requests.Values.Sum());
            Assert.False(submit.IsCompleted, "submit finished during the pause: " + (submit.IsCompleted ? submit.Result.ToString() : ""));
            await Task.Delay(50);
        }

        var run = await submit;
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(1, (int)run.Json["new"]!);
        Assert.Contains("429", run.Json["warnings"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, scenario.Simulator.GetCounters().RequestsTo(EndpointNames.GetWorkflow));
    }

    [Fact]
    public async Task A_fleet_pause_longer_than_a_command_waits_ends_submit_with_exit_4_and_sends_nothing()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        var file = Path.Combine(_folder, "b.txt");
        await File.WriteAllTextAsync(file, "Invoice No: INV-P-2");
        await Limiter(scenario.Database).PauseAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        var run = await CliRun.RunAsync(scenario.Settings, "submit", "--workflow", "extract-invoice", file);

        Assert.Equal(ExitCodes.ApiUnavailable, run.ExitCode);
        Assert.Contains("429", run.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, scenario.Simulator.GetCounters().Requests.Values.Sum());
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"));
    }

    [Fact]
    public async Task Cancel_answered_429_pauses_the_whole_fleet_waits_out_Retry_After_and_cancels_everything()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["extract-invoice"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Fixed(60_000), FailureRate = 0, RejectionRate = 0,
        });
        for (var i = 0; i < 5; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, $"slow-{i}.txt"), $"Invoice No: INV-R-{i}");
        }

        var submit = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--batch", "slow", "--json");
        Assert.Equal(ExitCodes.Success, submit.ExitCode);
        scenario.StartWorker();
        await Eventually.WaitAsync(
            () => scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'running'"),
            running => running == 5, TimeSpan.FromSeconds(30), "all five runs to be running", scenario.Database.DescribeAsync);
        // One cancel per second: each cancel after the first is answered 429 with Retry-After 1 s.
        scenario.Simulator.SetFaults(new FaultOptions { RateLimitPerSecond = 1, RateLimitBurst = 1, Endpoints = [EndpointNames.CancelExecution] });

        var cancel = await CliRun.RunAsync(scenario.Settings, "cancel", "--batch", "slow");

        Assert.True(cancel.ExitCode == ExitCodes.Success, cancel.ToString());
        var counters = scenario.Simulator.GetCounters();
        Assert.True(counters.RateLimited > 0, "the cancels should have been rate limited");
        Assert.Equal(0, counters.RequestsBeforeRetryAfter);
        // The command's 429 paused every worker as well: the pause is in the database.
        Assert.True(await scenario.Database.ScalarAsync<bool>("SELECT paused_until > now() - interval '1 minute' FROM eigenpal.api_rate_limit"));
        Assert.Equal(5, await scenario.Database.ScalarAsync<long>("""
            SELECT count(*) FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.state = 'cancelled' OR e.cancel_outcome IS NOT NULL
            """));
    }
}
