namespace Eigenpal.Reprocessing;

/// <summary>The outcome of a reprocess run: the record kept in <c>eigenpal.reprocess_runs</c>, and for the run just made, each decision.</summary>
/// <param name="Id">The run's id (empty for a dry run, which records nothing).</param>
/// <param name="Trigger">What started it.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished; null while running, or for a run that died half-way.</param>
/// <param name="Qualified">How many candidates qualified (the cap aside).</param>
/// <param name="Resubmitted">How many were moved back to pending.</param>
/// <param name="Skipped">The candidates not resubmitted, by reason.</param>
/// <param name="Selection">The selection as asked.</param>
/// <param name="Error">Why it ended early, when it did.</param>
/// <param name="DryRun">True when nothing was written.</param>
public sealed record ReprocessReport(
    Guid Id,
    ReprocessTrigger Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Qualified,
    int Resubmitted,
    IReadOnlyDictionary<SkipReason, int> Skipped,
    ReprocessSelection Selection,
    string? Error = null,
    bool DryRun = false)
{
    /// <summary>Each candidate's decision (only for the run just made, not for history).</summary>
    public IReadOnlyList<ReprocessDecision> Decisions { get; init; } = [];

    /// <summary>How many candidates the run looked at.</summary>
    public int Candidates => Resubmitted + Skipped.Values.Sum();
}

/// <summary>What a reprocess run decided for one failed submission, and why.</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="SourceName">Its source (file name, manifest row), when recorded.</param>
/// <param name="Workflow">Its workflow.</param>
/// <param name="Attempt">The failed attempt it was judged on.</param>
/// <param name="FailedAt">When that attempt ended.</param>
/// <param name="Error">Its error text.</param>
/// <param name="Skip">Why it is not resubmitted; null when it is.</param>
/// <param name="Why">The rule behind the decision, in words.</param>
public sealed record ReprocessDecision(
    Guid SubmissionId, string? SourceName, string Workflow, int Attempt, DateTimeOffset FailedAt, string? Error, SkipReason? Skip, string Why);
