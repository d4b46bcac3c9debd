using System.Text.Json.Nodes;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>
/// The issue's fault mix against every way the API may echo an uploaded file: 2 % of run responses
/// lost, about 5 % of calls answered 429 (the API's token bucket a little under the fleet's limit),
/// 5 % answered 5xx, the worker SIGKILLed mid-batch and restarted, and scalars re-serialised
/// (<c>1.50</c> echoed as <c>1.5</c>). Whatever the echo, nothing runs twice and every submission is
/// final soon after the last kill; where the echo names the file, nothing is left undetermined.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class FileEchoFaultTests(PostgresServer postgres, ITestOutputHelper output)
{
    public static FaultOptions IssueFaults() => new()
    {
        LostRunResponseRate = 0.02,
        RateLimitPerSecond = FaultSuiteProfile.ApiRequestsPerSecond,
        RateLimitBurst = FaultSuiteProfile.ApiBurst,
        ServerErrorRate = 0.05,
        ServiceUnavailableShare = 0.5,
    };

    [Fact]
    public void A_scalar_written_1_50_keeps_its_text_on_the_way_to_the_wire()
    {
        // The premise of the re-serialisation check: the submission's amount is the JSON text 1.50, not the double 1.5.
        Assert.Equal("1.50", JsonNode.Parse(FaultScenario.AmountText)!.ToJsonString());
        Assert.Equal("{\"amount\":1.50}", FaultScenario.Batch(1, "t")[0].Input.ToJsonString());
    }

    // CI's short profile runs the two extremes (a hash echoed, nothing echoed); the modes between them have
    // sender tests of their own (SenderReconciliationTests) and run here in the full profile.
    public static TheoryData<FileEchoMode> EchoModes() => FaultSuiteProfile.Current == FaultSuiteProfile.Full
        ? [FileEchoMode.Full, FileEchoMode.NameAndSize, FileEchoMode.NameOnly, FileEchoMode.StorageReference, FileEchoMode.None]
        : [FileEchoMode.Full, FileEchoMode.None];

    [Theory]
    [MemberData(nameof(EchoModes))]
    public async Task Lost_responses_429s_5xx_and_kills_run_nothing_twice_whatever_the_file_echo(FileEchoMode echo)
    {
        var profile = FaultSuiteProfile.Current;
        await using var run = await FaultScenario.StartAsync(postgres, $"echo-{echo}", profile, IssueFaults(),
            new ModeOptions { FileEcho = echo, ReserializeScalars = true });

        await run.RunWithKillsAsync(profile.Kills);
        var figures = await run.WaitAllFinalAsync(output);

        var namesTheFile = echo is FileEchoMode.Full or FileEchoMode.NameAndSize or FileEchoMode.NameOnly;
        await FaultAssertions.CheckNothingRanTwiceAsync(run, undeterminedAllowed: !namesTheFile);
        run.Check(figures.RateLimited > 0, $"the API's token bucket should have answered some 429s: {figures}");
        run.Check(figures.ServerErrors > 0, $"some calls should have been answered 5xx: {figures}");
        run.AssertGuarantees();
    }
}
