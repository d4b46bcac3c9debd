using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>
/// Three workers share the batch while PostgreSQL is restarted twice under them, with the issue's
/// API faults on top: the workers ride it out, everything is final within two minutes of the last
/// restart, nothing runs twice and no call ignores a Retry-After.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class DatabaseRestartFaultTests(PostgresServer postgres, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("legacy")]
    [InlineData("v1")]
    public async Task Three_workers_ride_out_two_postgres_restarts_mid_batch_with_429s_and_5xx(string surface)
    {
        Skip.IfNot(postgres.CanRestart, "needs the local PostgreSQL started by scripts/test.sh (a Testcontainers server changes port on restart)");
        var profile = FaultSuiteProfile.Current;
        await using var run = await FaultScenario.StartAsync(postgres, $"pg-restarts-3-workers-{surface}", profile, FileEchoFaultTests.IssueFaults(),
            new ModeOptions { FileEcho = FileEchoMode.Full, ReserializeScalars = true, UndeclaredInputs = Eigenpal.Simulator.V1.Modes.UndeclaredInputsMode.Accepted },
            surface: surface);

        for (var w = 0; w < 3; w++)
        {
            run.Scenario.StartWorker();
        }

        for (var r = 1; r <= 2; r++)
        {
            await run.WaitUntilSentAsync(run.Invoices * r / 3, $"before restart {r}");
            await postgres.RestartAsync();
            run.NoteFault();
        }

        var figures = await run.WaitAllFinalAsync(output, TimeSpan.FromMinutes(2));

        await FaultAssertions.CheckNothingRanTwiceAsync(run, undeterminedAllowed: false);
        run.Check(figures.RateLimited > 0, $"the API's token bucket should have answered some 429s: {figures}");
        run.Check(figures.ServerErrors > 0, $"some calls should have been answered 5xx: {figures}");
        // Includes: no worker exited by itself (each must ride out the restarts).
        run.AssertGuarantees();
    }
}
