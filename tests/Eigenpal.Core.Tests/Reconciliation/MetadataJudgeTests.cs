using System.Text.Json;
using Eigenpal.Api;
using Eigenpal.Reconciliation;
using static Eigenpal.Core.Tests.Reconciliation.Echoes;

namespace Eigenpal.Core.Tests.Reconciliation;

/// <summary>
/// The judge with v1 run metadata (issue 8, "Exact reconciliation on v1"): a run whose metadata
/// names the attempt is its run at once, whatever else the window holds; one naming another
/// attempt is not; a run without metadata (a server that drops it) is weighed by the legacy rules.
/// </summary>
public sealed class MetadataJudgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReconcileWindow Window = new(T0, T0 + TimeSpan.FromSeconds(80));
    private static readonly SentFile Invoice = File("invoice-00001.pdf", "invoice 00001");

    private static UnresolvedAttempt Attempt(bool inFlight = false) => new(
        Guid.NewGuid(), Guid.NewGuid(), 1, Window, Sent(Invoice), inFlight, T0 + TimeSpan.FromSeconds(60));

    // Identical inputs everywhere: only the metadata can tell these runs apart.
    private static ExecutionSummary Run(string id) =>
        new(id, "wf_x7k2extractinv", ExecutionStatus.Created, T0 + TimeSpan.FromSeconds(2), "api", Echo(Full(Invoice)));

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void A_run_naming_the_attempt_is_adopted_at_once_even_among_identical_runs_and_from_an_incomplete_unsettled_listing(bool complete, bool settled)
    {
        var self = Attempt();
        var rival = Attempt(inFlight: true);
        var ours = Run("exec_ours");
        var theirs = Run("exec_theirs");
        var outside = Run("exec_outside");

        var verdict = ReconcileJudge.Judge(self, [theirs, ours, outside], [rival], complete, settled,
            new Dictionary<string, Guid> { ["exec_ours"] = self.AttemptId, ["exec_theirs"] = rival.AttemptId });

        Assert.Equal(new ReconcileVerdict.Adopt(ours, Evidence.Named), verdict);
    }

    [Fact]
    public void Runs_that_name_other_attempts_leave_nothing_so_a_complete_settled_listing_proves_not_created()
    {
        var self = Attempt();
        var verdict = ReconcileJudge.Judge(self, [Run("exec_a"), Run("exec_b")], [], listingComplete: true, settled: true,
            new Dictionary<string, Guid> { ["exec_a"] = Guid.NewGuid(), ["exec_b"] = Guid.NewGuid() });

        Assert.IsType<ReconcileVerdict.NotCreated>(verdict);
    }

    [Fact]
    public void A_run_naming_this_attempt_is_no_candidate_for_a_rival_so_the_rival_is_not_blocked_by_it()
    {
        var self = Attempt();
        var rival = Attempt();
        var named = new Dictionary<string, Guid> { ["exec_self"] = self.AttemptId };

        var forRival = ReconcileJudge.Judge(rival, [Run("exec_self")], [self], listingComplete: true, settled: true, named);

        Assert.IsType<ReconcileVerdict.NotCreated>(forRival);
    }

    [Fact]
    public void Without_metadata_the_legacy_rules_apply_and_identical_runs_stay_undetermined()
    {
        var self = Attempt();

        var verdict = ReconcileJudge.Judge(self, [Run("exec_a"), Run("exec_b")], [], listingComplete: true, settled: true, new Dictionary<string, Guid>());

        var undetermined = Assert.IsType<ReconcileVerdict.Undetermined>(verdict);
        Assert.Equal(["exec_a", "exec_b"], undetermined.Candidates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Two_runs_naming_the_same_attempt_are_not_guessed_between()
    {
        var self = Attempt();
        var named = new Dictionary<string, Guid> { ["exec_a"] = self.AttemptId, ["exec_b"] = self.AttemptId };

        var verdict = ReconcileJudge.Judge(self, [Run("exec_a"), Run("exec_b")], [], listingComplete: true, settled: true, named);

        Assert.IsType<ReconcileVerdict.Undetermined>(verdict);
    }
}
