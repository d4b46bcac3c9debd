using System.Globalization;
using Npgsql;

namespace Eigenpal.Submissions.Queries;

/// <summary>
/// Finds the submissions whose id starts or ends with a fragment (see <see cref="SubmissionIdFragment"/>),
/// so <c>show</c>, <c>cancel</c> and <c>resolve</c> accept what <c>list</c> shows. A start is an index range
/// on the id; an end is a scan of the table, which is fine for a command typed by a person.
/// </summary>
public sealed class SubmissionIdSearch(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// At most <paramref name="limit"/> submissions whose id starts or ends with <paramref name="fragment"/>
    /// (lower-case hex digits, as <see cref="SubmissionIdFragment.Parse"/> gives), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionIdCandidate>> MatchAsync(string fragment, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        await using var command = dataSource.CreateCommand("""
            SELECT id, source_name, workflow, state, created_at FROM (
                SELECT s.id, s.source_name, s.workflow, s.state, s.created_at FROM eigenpal.submissions s WHERE s.id BETWEEN @low AND @high
                UNION
                SELECT s.id, s.source_name, s.workflow, s.state, s.created_at FROM eigenpal.submissions s
                WHERE right(replace(s.id::text, '-', ''), @length) = @fragment
            ) m
            ORDER BY created_at, id LIMIT @limit
            """);
        command.Parameters.AddWithValue("low", Guid.ParseExact(fragment.PadRight(32, '0'), "N"));
        command.Parameters.AddWithValue("high", Guid.ParseExact(fragment.PadRight(32, 'f'), "N"));
        command.Parameters.AddWithValue("length", fragment.Length);
        command.Parameters.AddWithValue("fragment", fragment);
        command.Parameters.AddWithValue("limit", limit);
        var matches = new List<SubmissionIdCandidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            matches.Add(new SubmissionIdCandidate(
                reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return matches;
    }

    /// <summary>How a candidate is shown in an "ambiguous" message: its whole id, file name, workflow, state and age.</summary>
    public static string Describe(SubmissionIdCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return string.Create(CultureInfo.InvariantCulture,
            $"{candidate.Id} ({candidate.SourceName ?? "no source"}, {candidate.Workflow}, {candidate.State}, recorded {candidate.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)");
    }
}
