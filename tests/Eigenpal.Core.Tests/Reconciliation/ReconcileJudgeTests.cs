using System.Text.Json;
using Eigenpal.Api;
using Eigenpal.Reconciliation;
using static Eigenpal.Core.Tests.Reconciliation.Echoes;

namespace Eigenpal.Core.Tests.Reconciliation;

/// <summary>
/// The pure decision for a lost attempt, one test per branch (DESIGN.md, "Reconciling a lost run
/// without trusting the echo"): eliminate, weigh, adopt only what nothing else can own, prove
/// absence only from a complete settled listing, and record ambiguity instead of guessing.
/// </summary>
public sealed class ReconcileJudgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReconcileWindow Window = new(T0, T0 + TimeSpan.FromSeconds(80));

    private static readonly SentFile Mine = File("invoice-00001.pdf", "invoice 00001");
    private static readonly SentFile Theirs = File("invoice-00002.pdf", "invoice 00002");

    private static UnresolvedAttempt Attempt(SentFile file, bool inFlight = false, ReconcileWindow? window = null, int number = 1) => new(
        Guid.NewGuid(), Guid.NewGuid(), number, window ?? Window, Sent(file), inFlight, T0 + TimeSpan.FromSeconds(60));

    private static ExecutionSummary Execution(string id, JsonElement? triggerInput, double secondsAfterT0 = 1) =>
        new(id, "wf_x7k2extractinv", ExecutionStatus.Created, T0 + TimeSpan.FromSeconds(secondsAfterT0), "api", triggerInput);

    private static ReconcileVerdict Judge(
        UnresolvedAttempt attempt, ExecutionSummary[] unclaimed, UnresolvedAttempt[]? others = null, bool complete = true, bool settled = true) =>
        ReconcileJudge.Judge(attempt, unclaimed, others ?? [], complete, settled);

    // Adopting

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_candidate_whose_hash_is_unique_is_adopted_at_once_from_a_complete_listing_even_unsettled(bool settled)
    {
        var ours = Execution("exec_ours", Echo(Full(Mine)));

        var verdict = Judge(Attempt(Mine), [ours], complete: true, settled: settled);

        Assert.Equal(new ReconcileVerdict.Adopt(ours, Evidence.Proves), verdict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_hash_match_in_an_incomplete_listing_waits_since_a_hole_may_hide_an_identical_upload(bool settled)
    {
        var ours = Execution("exec_ours", Echo(Full(Mine)));

        var verdict = Judge(Attempt(Mine), [ours], complete: false, settled: settled);

        var wait = Assert.IsType<ReconcileVerdict.Wait>(verdict);
        Assert.True(wait.Incomplete);
        Assert.Equal(["exec_ours"], wait.Candidates);
    }

    [Fact]
    public void A_hash_match_outweighs_candidates_that_only_match_by_name()
    {
        var byName = Execution("exec_name", Echo(NameOnly(Mine.FileName)));
        var byHash = Execution("exec_hash", Echo(Full(Mine)), secondsAfterT0: 2);

        var verdict = Judge(Attempt(Mine), [byName, byHash], settled: false);

        Assert.Equal(new ReconcileVerdict.Adopt(byHash, Evidence.Proves), verdict);
    }

    [Theory]
    [InlineData("name", Evidence.Suggests)]
    [InlineData("name+size", Evidence.NearlyProves)]
    [InlineData("silent", Evidence.Silent)]
    public void A_single_candidate_matching_by_less_than_a_hash_is_adopted_once_settled_and_complete(string echo, Evidence evidence)
    {
        var triggerInput = echo switch
        {
            "name" => Echo(NameOnly(Mine.FileName)),
            "name+size" => Echo(NameAndSize(Mine.FileName, Mine.SizeBytes)),
            _ => (JsonElement?)null,
        };
        var candidate = Execution("exec_1", triggerInput);

        Assert.Equal(new ReconcileVerdict.Adopt(candidate, evidence), Judge(Attempt(Mine), [candidate]));
    }

    [Fact]
    public void A_single_name_candidate_waits_for_the_settle_time()
    {
        var verdict = Judge(Attempt(Mine), [Execution("exec_1", Echo(NameOnly(Mine.FileName)))], settled: false);

        var wait = Assert.IsType<ReconcileVerdict.Wait>(verdict);
        Assert.False(wait.Incomplete);
        Assert.Contains("settle time", wait.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_name_candidate_of_an_incomplete_listing_waits_and_counts_as_incomplete()
    {
        var verdict = Judge(Attempt(Mine), [Execution("exec_1", Echo(NameOnly(Mine.FileName)))], complete: false);

        Assert.True(Assert.IsType<ReconcileVerdict.Wait>(verdict).Incomplete);
    }

    // Proving absence

    [Fact]
    public void No_candidate_in_a_complete_settled_listing_proves_the_run_was_not_created()
    {
        Assert.IsType<ReconcileVerdict.NotCreated>(Judge(Attempt(Mine), []));
    }

    [Fact]
    public void No_candidate_before_the_settle_time_waits()
    {
        var wait = Assert.IsType<ReconcileVerdict.Wait>(Judge(Attempt(Mine), [], settled: false));

        Assert.False(wait.Incomplete);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void No_candidate_in_an_incomplete_listing_proves_nothing(bool settled)
    {
        var wait = Assert.IsType<ReconcileVerdict.Wait>(Judge(Attempt(Mine), [], complete: false, settled: settled));

        Assert.True(wait.Incomplete);
    }

    // Eliminating

    [Fact]
    public void Candidates_whose_echo_contradicts_are_eliminated()
    {
        var lookAlike = Execution("exec_lookalike", Echo(Full(Mine, sha256: Sha256("other bytes"))));
        var otherName = Execution("exec_other", Echo(NameOnly(Theirs.FileName)));
        var otherSize = Execution("exec_size", Echo(NameAndSize(Mine.FileName, Mine.SizeBytes + 3)));
        var ours = Execution("exec_ours", Echo(NameOnly(Mine.FileName)), secondsAfterT0: 3);

        Assert.Equal(new ReconcileVerdict.Adopt(ours, Evidence.Suggests), Judge(Attempt(Mine), [lookAlike, otherName, otherSize, ours]));
    }

    [Fact]
    public void Only_contradicting_candidates_prove_absence()
    {
        var lookAlike = Execution("exec_lookalike", Echo(Full(Mine, sha256: Sha256("other bytes"))));

        Assert.IsType<ReconcileVerdict.NotCreated>(Judge(Attempt(Mine), [lookAlike]));
    }

    [Fact]
    public void Candidates_outside_the_attempts_window_are_ignored()
    {
        var before = Execution("exec_before", Echo(Full(Mine)), secondsAfterT0: -0.001);
        var after = Execution("exec_after", Echo(Full(Mine)), secondsAfterT0: 80.001);

        Assert.IsType<ReconcileVerdict.NotCreated>(Judge(Attempt(Mine), [before, after]));
    }

    [Fact]
    public void Candidates_on_the_windows_bounds_are_inside_it()
    {
        var atStart = Execution("exec_start", Echo(Full(Mine)), secondsAfterT0: 0);

        Assert.IsType<ReconcileVerdict.Adopt>(Judge(Attempt(Mine), [atStart], settled: false));
    }

    // Other attempts that could own a candidate

    [Fact]
    public void A_candidate_an_attempt_still_being_sent_could_own_makes_it_wait_even_when_settled()
    {
        var silent = Execution("exec_1", null);
        var sending = Attempt(Theirs, inFlight: true, number: 3);

        var wait = Assert.IsType<ReconcileVerdict.Wait>(Judge(Attempt(Mine), [silent], [sending]));

        Assert.False(wait.Incomplete);
        Assert.Contains($"attempt 3 of submission {sending.SubmissionId} is still being sent", wait.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attempt_being_sent_whose_echo_contradicts_or_window_excludes_the_candidate_is_no_rival()
    {
        var candidate = Execution("exec_1", Echo(NameOnly(Mine.FileName)));
        var otherName = Attempt(Theirs, inFlight: true);
        var elsewhere = Attempt(Mine, inFlight: true, window: new ReconcileWindow(T0 + TimeSpan.FromSeconds(10), T0 + TimeSpan.FromSeconds(90)));

        Assert.Equal(new ReconcileVerdict.Adopt(candidate, Evidence.Suggests), Judge(Attempt(Mine), [candidate], [otherName, elsewhere]));
    }

    [Fact]
    public void A_candidate_another_lost_attempt_could_equally_own_is_undetermined_and_named()
    {
        var silent = Execution("exec_1", Echo("\"files/0a1b2c3d\""));
        var otherLost = Attempt(Theirs);

        var verdict = Assert.IsType<ReconcileVerdict.Undetermined>(Judge(Attempt(Mine), [silent], [otherLost]));

        Assert.Equal(["exec_1"], verdict.Candidates);
        Assert.Contains("may equally be the run of 1 other unresolved attempt(s)", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_candidate_another_lost_attempt_could_own_waits_until_settled()
    {
        var silent = Execution("exec_1", null);

        Assert.IsType<ReconcileVerdict.Wait>(Judge(Attempt(Mine), [silent], [Attempt(Theirs)], settled: false));
    }

    [Fact]
    public void Two_candidates_with_the_same_name_are_undetermined_and_both_named()
    {
        var ours = Execution("exec_ours", Echo(NameOnly(Mine.FileName)));
        var lookAlike = Execution("exec_lookalike", Echo(NameOnly(Mine.FileName)), secondsAfterT0: 1.3);

        var verdict = Assert.IsType<ReconcileVerdict.Undetermined>(Judge(Attempt(Mine), [ours, lookAlike]));

        Assert.Equal(["exec_ours", "exec_lookalike"], verdict.Candidates);
        Assert.Contains("2 executions in its window fit its input (same file name)", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_candidates_with_the_same_name_wait_before_the_settle_time_or_a_complete_listing()
    {
        ExecutionSummary[] twins = [Execution("exec_a", Echo(NameOnly(Mine.FileName))), Execution("exec_b", Echo(NameOnly(Mine.FileName)))];

        Assert.False(Assert.IsType<ReconcileVerdict.Wait>(Judge(Attempt(Mine), twins, settled: false)).Incomplete);
        Assert.True(Assert.IsType<ReconcileVerdict.Wait>(Judge(Attempt(Mine), twins, complete: false)).Incomplete);
    }

    [Fact]
    public void Two_lost_attempts_with_the_same_file_name_and_two_runs_are_each_undetermined()
    {
        var twin = File(Mine.FileName, "other bytes of the same name");
        ExecutionSummary[] runs = [Execution("exec_a", Echo(NameOnly(Mine.FileName))), Execution("exec_b", Echo(NameOnly(Mine.FileName)), 2)];
        var mine = Attempt(Mine);
        var other = Attempt(twin);

        var forMine = Assert.IsType<ReconcileVerdict.Undetermined>(Judge(mine, runs, [other]));
        var forOther = Assert.IsType<ReconcileVerdict.Undetermined>(Judge(other, runs, [mine]));

        Assert.Equal(["exec_a", "exec_b"], forMine.Candidates);
        Assert.Equal(["exec_a", "exec_b"], forOther.Candidates);
    }

    [Fact]
    public void With_hashes_two_lost_attempts_with_the_same_file_name_each_find_their_own_run()
    {
        var twin = File(Mine.FileName, "other bytes of the same name");
        var mineRun = Execution("exec_a", Echo(Full(Mine)));
        var twinRun = Execution("exec_b", Echo(Full(twin)), 2);
        var mine = Attempt(Mine);
        var other = Attempt(twin);

        Assert.Equal(new ReconcileVerdict.Adopt(mineRun, Evidence.Proves), Judge(mine, [mineRun, twinRun], [other], settled: false));
        Assert.Equal(new ReconcileVerdict.Adopt(twinRun, Evidence.Proves), Judge(other, [mineRun, twinRun], [mine], settled: false));
    }
}
