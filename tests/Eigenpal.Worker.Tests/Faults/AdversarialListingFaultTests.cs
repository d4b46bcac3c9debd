using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>
/// Lost runs reconciled against a listing that does everything the SDK leaves open at once, and
/// against another client that submits look-alikes of our files.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class AdversarialListingFaultTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static FaultOptions LostAndNoisy() => new()
    {
        // More lost responses than the 2 %, so every run reconciles several through the hostile listing.
        LostRunResponseRate = 0.1,
        RateLimitPerSecond = FaultSuiteProfile.ApiRequestsPerSecond,
        RateLimitBurst = FaultSuiteProfile.ApiBurst,
        ServerErrorRate = 0.05,
        ServiceUnavailableShare = 0.5,
    };

    [Fact]
    public async Task Lost_runs_are_found_through_an_oldest_first_short_paged_truncated_late_and_clock_shifted_listing()
    {
        var profile = FaultSuiteProfile.Current;
        await using var run = await FaultScenario.StartAsync(postgres, "listing-mix-NameOnly", profile, LostAndNoisy(), new ModeOptions
        {
            FileEcho = FileEchoMode.NameOnly,
            ReserializeScalars = true,
            ListOrder = ListOrderMode.OldestFirst,
            MaxPageSize = 20,
            EmptyPagesFromOffset = 40,
            ListVisibilityDelayMs = 1000,
            ClockOffsetSeconds = 90,
        });

        await run.RunWithKillsAsync(profile.Kills);
        var figures = await run.WaitAllFinalAsync(output);

        await FaultAssertions.CheckNothingRanTwiceAsync(run, undeterminedAllowed: false);
        run.Check(figures.LostResponses > 0, $"some run responses should have been lost: {figures}");
        run.Check(figures.Reconciled > 0, $"some runs should have been found by listing: {figures}");
        run.AssertGuarantees();
    }

    [Fact]
    public async Task Look_alikes_from_another_client_never_make_a_lost_run_be_sent_twice()
    {
        var profile = FaultSuiteProfile.Current;
        await using var run = await FaultScenario.StartAsync(postgres, "look-alikes-NameOnly", profile, LostAndNoisy(), new ModeOptions
        {
            FileEcho = FileEchoMode.NameOnly,
            ReserializeScalars = true,
            LookAlikeRate = 0.2,
        });

        await run.RunWithKillsAsync(profile.Kills);
        var figures = await run.WaitAllFinalAsync(output);

        // A look-alike with the same name is indistinguishable from the lost run it copies: undetermined is the honest answer.
        await FaultAssertions.CheckNothingRanTwiceAsync(run, undeterminedAllowed: true);
        run.Check(figures.LookAlikes > 0, $"the other client should have made look-alikes: {figures}");
        output.WriteLine($"undetermined with look-alikes: {figures.Undetermined} of {figures.Submissions}");
        run.AssertGuarantees();
    }
}
