using Dapper;
using Npgsql;

namespace Eigenpal.Retention;

/// <summary>
/// The SQL of the retention: which submissions still hold file bytes past the cutoff, and the guarded statement
/// that drops the bytes of a batch of them. Every statement commits on its own.
/// </summary>
internal static class InputPurgeStore
{
    /// <summary>Submissions (any state) last changed before <paramref name="cutoff"/> with at least one file that still holds its bytes.</summary>
    public static async Task<long> CountStoredBeforeAsync(NpgsqlConnection connection, DateTime cutoff, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT count(*) FROM eigenpal.submissions s
            WHERE s.updated_at < @cutoff
              AND EXISTS (SELECT 1 FROM eigenpal.submission_files f WHERE f.submission_id = s.id AND f.content IS NOT NULL)
            """, new { cutoff }, cancellationToken: ct));

    /// <summary>
    /// The next <paramref name="limit"/> such submissions after <paramref name="after"/> (by id, so batches never
    /// overlap and a purge of any size walks the table once), with their latest attempt and their stored files' totals.
    /// Reads no bytes: <c>content IS NOT NULL</c> does not fetch the value.
    /// </summary>
    public static async Task<IReadOnlyList<PurgeCandidate>> NextCandidatesAsync(
        NpgsqlConnection connection, DateTime cutoff, Guid after, int limit, CancellationToken ct) =>
        [.. await connection.QueryAsync<PurgeCandidate>(new CommandDefinition("""
            SELECT s.id AS submissionid, s.workflow, s.state, s.attempt, s.updated_at AS updatedat,
                   e.retryable, e.failure_category AS failurecategory, e.error, f.files, f.bytes
            FROM eigenpal.submissions s
            CROSS JOIN LATERAL (
                SELECT count(*) AS files, COALESCE(sum(sf.size_bytes), 0)::bigint AS bytes
                FROM eigenpal.submission_files sf WHERE sf.submission_id = s.id AND sf.content IS NOT NULL) f
            LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            WHERE s.updated_at < @cutoff AND s.id > @after AND f.files > 0
            ORDER BY s.id
            LIMIT @limit
            """, new { cutoff, after, limit }, cancellationToken: ct))];

    /// <summary>
    /// Drops the bytes of <paramref name="judged"/>'s files (<c>content = NULL, purged_at = now()</c>) in one statement,
    /// but only for a submission still exactly as it was judged: same state, same attempt, same <c>updated_at</c>.
    /// The submission rows are share-locked first, and PostgreSQL re-checks the guard against the latest version of a
    /// row changed meanwhile, so a submission that a reprocess run reopened between selection and purge keeps its
    /// bytes; one reopened after the lock waits for this statement and then finds its files purged (the sender says so).
    /// Returns the files purged, by submission.
    /// </summary>
    public static async Task<IReadOnlyList<(Guid SubmissionId, long Bytes)>> PurgeGuardedAsync(
        NpgsqlConnection connection, IReadOnlyList<PurgeCandidate> judged, CancellationToken ct) =>
        [.. await connection.QueryAsync<(Guid, long)>(new CommandDefinition("""
            WITH judged AS (
                SELECT * FROM unnest(@ids::uuid[], @states::text[], @attempts::integer[], @updated::timestamptz[]) AS j(id, state, attempt, updated_at)
            ), unchanged AS (
                SELECT s.id FROM eigenpal.submissions s JOIN judged j ON j.id = s.id
                WHERE s.state = j.state AND s.attempt = j.attempt AND s.updated_at = j.updated_at
                FOR SHARE OF s
            )
            UPDATE eigenpal.submission_files f SET content = NULL, purged_at = now()
            FROM unchanged u
            WHERE f.submission_id = u.id AND f.content IS NOT NULL
            RETURNING f.submission_id, f.size_bytes
            """, new
        {
            ids = judged.Select(c => c.SubmissionId).ToArray(),
            states = judged.Select(c => c.State).ToArray(),
            attempts = judged.Select(c => c.Attempt).ToArray(),
            updated = judged.Select(c => c.UpdatedAt).ToArray(),
        }, cancellationToken: ct))];
}
