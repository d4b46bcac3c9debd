using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>eigenpal import refuses what it cannot do with a sentence that says what to change, and the usual exit codes.</summary>
[Collection(PostgresTests.Name)]
public sealed class ImportArgumentTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task An_unknown_workflow_is_refused_by_the_API_check_with_exit_4_and_nothing_recorded(string surface)
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: surface);

        var run = await CliRun.RunAsync(scenario.Settings, "import", "--workflow", "no-such-flow", "--since", "7d");

        Assert.True(run.ExitCode == ExitCodes.ApiUnavailable, run.ToString());
        Assert.Contains("unknown workflow 'no-such-flow'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Simulator.ApiKey, run.Output, StringComparison.Ordinal);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"));
    }

    [Theory]
    [InlineData("--since", "soon", "--since 'soon' is not a duration such as 90m, 24h or 7d.")]
    [InlineData("--status", "failed,broken,Done", "--status: unknown statuses 'broken', 'Done'; use created, pending, running, waiting, finalizing, completed, failed, cancelled, rejected.")]
    [InlineData("--status", ",", "--status is empty")]
    public async Task Bad_options_exit_2_naming_what_is_accepted(string option, string value, string message)
    {
        await using var database = await TrackingDatabase.CreateAsync(postgres);
        var settings = new Dictionary<string, string> { ["ConnectionStrings__Eigenpal"] = database.ConnectionString, ["EIGENPAL_API_KEY"] = "sim-test-key" };

        var run = await CliRun.RunAsync(settings, "import", "--workflow", "classify-text", option, value);

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workflow_is_required()
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string>(), "import", "--since", "7d");

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains("--workflow is required", run.Output, StringComparison.Ordinal);
    }
}
