using Eigenpal.Submissions;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Reprocessing;

/// <summary>
/// What the next reprocess run would take, counted without reading every candidate: the dry run reads and
/// judges each failed submission (1.4 s for 58,598 of them), while the dashboard wants the answer per page
/// view. The candidates (the same selection as the run, <see cref="ReprocessStore.CandidatesFrom"/>) are
/// grouped in SQL by exactly what <see cref="ReprocessPolicy.Judge"/> looks at — state, workflow, attempt,
/// the API's retryable flag, failure category, error text (only where a not-retryable pattern could read it),
/// younger than the minimum age or not, inputs never stored, files purged without a rerun — and each group is
/// judged once by the policy itself, so the counts per skip reason are the dry run's by construction. The
/// cap takes the oldest first, but how many it leaves over depends only on how many qualified.
/// </summary>
internal static class ReprocessPreview
{
    // A column the policy does not read for a row is NULL, so that it adds no groups: only failed rows are
    // judged beyond their state, and the category and error only where the API gave no retryable flag.
    private const string GroupsSql = """
        SELECT s.state,
               s.workflow,
               CASE WHEN s.state = 'failed' THEN s.attempt END,
               CASE WHEN s.state = 'failed' THEN e.retryable END,
               CASE WHEN s.state = 'failed' AND e.retryable IS NULL THEN e.failure_category END,
               CASE WHEN s.state = 'failed' AND e.retryable IS NULL AND (@patterned::text[] IS NULL OR s.workflow = ANY(@patterned))
                    THEN COALESCE(e.error, s.state_reason) END,
               s.state = 'failed' AND now() - COALESCE(e.completed_at, s.updated_at) < @min_age,
               s.state = 'failed' AND s.inputs_missing IS NOT NULL,
               s.state = 'failed' AND s.inputs_missing IS NULL
                   AND NOT COALESCE(e.surface = 'v1' AND e.remote_id IS NOT NULL, false)
                   AND EXISTS (SELECT 1 FROM eigenpal.submission_files f WHERE f.submission_id = s.id AND f.content IS NULL),
               count(*)::int,
               now()
        """ + "\n" + ReprocessStore.CandidatesFrom + "\nGROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9";

    /// <summary>
    /// The dry run's counts for <paramref name="selection"/>: qualified, and skipped per reason (over the cap
    /// included), with the database's now as the report's start. No decisions are listed.
    /// </summary>
    public static async Task<(int Qualified, Dictionary<SkipReason, int> Skipped, DateTimeOffset Now)> CountAsync(
        NpgsqlConnection connection, ReprocessPolicy policy, ReprocessOptions options, ReprocessSelection selection, DateTimeOffset othersSince, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(GroupsSql, connection);
        ReprocessStore.AddSelection(command.Parameters, selection, othersSince);
        command.Parameters.AddWithValue("min_age", options.MinAge);
        command.Parameters.Add(new NpgsqlParameter("patterned", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)Patterned(options) ?? DBNull.Value });
        var skipped = SkipReasons.All.ToDictionary(r => r, _ => 0);
        var qualified = 0;
        DateTimeOffset? now = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var at = reader.GetFieldValue<DateTimeOffset>(10);
                now ??= at;
                // The group's row as the policy sees it; its age stands for "younger than MinAge" (a tick in the future: younger
                // than any MinAge, zero included, as a clock-skewed failure is) or "old enough".
                var candidate = new FailedCandidate(
                    Guid.Empty, SubmissionStates.Parse(reader.GetString(0)), reader.GetString(1),
                    reader.IsDBNull(2) ? 0 : reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetBoolean(6) ? at.AddTicks(1) : DateTimeOffset.MinValue,
                    reader.GetBoolean(8),
                    reader.GetBoolean(7) ? "" : null,
                    CanRerun: false);
                var count = reader.GetInt32(9);
                if (policy.Judge(candidate, at, selection.MaxAttempts) is { } reason)
                {
                    skipped[reason] += count;
                }
                else
                {
                    qualified += count;
                }
            }
        }

        skipped[SkipReason.OverTheCap] = Math.Max(0, qualified - (selection.Cap ?? options.CapPerRun));
        return (qualified, skipped, now ?? await ReprocessStore.NowAsync(connection, ct));
    }

    // The workflows whose rules read the error text. A dictionary that matches names by another rule than
    // ordinal equality is not mirrored in SQL: then every failure's error is grouped (slower, still exact).
    private static string[]? Patterned(ReprocessOptions options) =>
        options.Workflows.Comparer.Equals(StringComparer.Ordinal)
            ? [.. options.Workflows.Where(w => w.Value.NotRetryableErrorPattern is { Length: > 0 }).Select(w => w.Key)]
            : null;
}
