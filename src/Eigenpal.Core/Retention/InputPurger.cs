using Eigenpal.Reprocessing;
using Eigenpal.Submissions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Retention;

/// <summary>
/// Purges the stored file bytes of submissions that finished long enough ago and that no reprocess run will ever
/// take again (<see cref="ReprocessPolicy.IsDoneForGood"/>: completed, rejected, cancelled, error, or failed and
/// not retryable or out of attempts). The row, the hash, the size, the file name and the result stay. It walks the
/// candidates in batches of <see cref="RetentionOptions.BatchSize"/>, each purged by one guarded statement of its
/// own, so a purge of any size holds no long transaction and is safe beside running workers and reprocess runs.
/// The recurring job <c>purge-inputs</c> and <c>eigenpal purge</c> both run it.
/// </summary>
public sealed class InputPurger(NpgsqlDataSource dataSource, ReprocessPolicy policy, IOptions<RetentionOptions> options, TimeProvider time)
{
    /// <summary>The configured retention.</summary>
    public RetentionOptions Options => options.Value;

    /// <summary>The cutoff for <paramref name="olderThan"/>, now: submissions that reached their final state before it are considered.</summary>
    public DateTimeOffset CutoffFor(TimeSpan olderThan) => time.GetUtcNow() - olderThan;

    /// <summary>Submissions last changed before <paramref name="cutoff"/> that still hold file bytes (whatever their state): the work a purge will look at.</summary>
    public async Task<long> CountStoredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await InputPurgeStore.CountStoredBeforeAsync(connection, cutoff.UtcDateTime, cancellationToken);
    }

    /// <summary>
    /// Purges (or, with <paramref name="dryRun"/>, only counts) the files of the submissions done for good that
    /// reached their final state before <paramref name="cutoff"/>. Each finished batch is committed: a purge stopped
    /// half-way keeps what it did, and the next one takes the rest.
    /// </summary>
    public async Task<PurgeReport> PurgeAsync(DateTimeOffset cutoff, bool dryRun, IProgress<PurgeProgress>? progress, CancellationToken cancellationToken)
    {
        var purged = new GroupTally();
        var kept = new GroupTally();
        long scanned = 0, changedMeanwhile = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var batch = await InputPurgeStore.NextCandidatesAsync(connection, cutoff.UtcDateTime, after, options.Value.BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1].SubmissionId;
            scanned += batch.Count;
            var toPurge = new List<PurgeCandidate>(batch.Count);
            foreach (var candidate in batch)
            {
                if (IsDoneForGood(candidate))
                {
                    toPurge.Add(candidate);
                }
                else
                {
                    kept.Add(candidate, candidate.Files, candidate.Bytes);
                }
            }

            if (dryRun)
            {
                toPurge.ForEach(c => purged.Add(c, c.Files, c.Bytes));
            }
            else if (toPurge.Count > 0)
            {
                var freed = (await InputPurgeStore.PurgeGuardedAsync(connection, toPurge, cancellationToken))
                    .GroupBy(f => f.SubmissionId)
                    .ToDictionary(g => g.Key, g => (Files: (long)g.Count(), Bytes: g.Sum(f => f.Bytes)));
                foreach (var candidate in toPurge)
                {
                    if (freed.TryGetValue(candidate.SubmissionId, out var files))
                    {
                        purged.Add(candidate, files.Files, files.Bytes);
                    }
                    else
                    {
                        changedMeanwhile++;
                    }
                }
            }

            progress?.Report(new PurgeProgress(scanned, purged.Submissions, purged.Files, purged.Bytes));
        }

        return new PurgeReport(dryRun, cutoff, purged.Groups(), kept.Groups(), changedMeanwhile);
    }

    private bool IsDoneForGood(PurgeCandidate c) =>
        SubmissionStates.TryParse(c.State, out var state)
        && policy.IsDoneForGood(state, c.Workflow, c.Attempt, c.Retryable, c.FailureCategory, c.Error);

    /// <summary>Totals per workflow and state, in a stable order for reports.</summary>
    private sealed class GroupTally
    {
        private readonly SortedDictionary<(string Workflow, string State), (long Submissions, long Files, long Bytes)> _groups = [];

        public long Submissions { get; private set; }

        public long Files { get; private set; }

        public long Bytes { get; private set; }

        public void Add(PurgeCandidate candidate, long files, long bytes)
        {
            var key = (candidate.Workflow, candidate.State);
            var (s, f, b) = _groups.GetValueOrDefault(key);
            _groups[key] = (s + 1, f + files, b + bytes);
            Submissions++;
            Files += files;
            Bytes += bytes;
        }

        public IReadOnlyList<PurgeGroup> Groups() =>
            [.. _groups.Select(g => new PurgeGroup(g.Key.Workflow, g.Key.State, g.Value.Submissions, g.Value.Files, g.Value.Bytes))];
    }
}
