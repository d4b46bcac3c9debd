namespace Eigenpal.Retention;

/// <summary>
/// What one purge did (or, in a dry run, would do): the files freed per workflow and state, and the older
/// submissions whose bytes it kept because a reprocess run could still take them.
/// </summary>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Cutoff">Submissions that reached their final state before this were considered.</param>
/// <param name="Purged">The files purged (or that would be), per workflow and state.</param>
/// <param name="Kept">Older submissions with stored bytes that were kept (not final, or failed and still retryable), per workflow and state.</param>
/// <param name="ChangedMeanwhile">Submissions selected for purging that changed before their batch's statement (a reprocess run reopened them, say): their bytes stay.</param>
public sealed record PurgeReport(
    bool DryRun, DateTimeOffset Cutoff, IReadOnlyList<PurgeGroup> Purged, IReadOnlyList<PurgeGroup> Kept, long ChangedMeanwhile)
{
    /// <summary>Submissions whose files were purged.</summary>
    public long Submissions => Purged.Sum(g => g.Submissions);

    /// <summary>Files purged.</summary>
    public long Files => Purged.Sum(g => g.Files);

    /// <summary>Bytes freed.</summary>
    public long Bytes => Purged.Sum(g => g.Bytes);

    /// <summary>Older submissions with stored bytes that were kept.</summary>
    public long KeptSubmissions => Kept.Sum(g => g.Submissions);
}
