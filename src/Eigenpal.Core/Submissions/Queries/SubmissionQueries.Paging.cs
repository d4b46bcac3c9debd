using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Submissions.Queries;

/// <summary>The submissions list of the dashboard and <c>/api/v1/submissions</c>: filtered, keyset-paged.</summary>
public sealed partial class SubmissionQueries
{
    /// <summary>The states of submissions that ended without completing, or cannot go on without an operator.</summary>
    public static IReadOnlyList<SubmissionState> FailingStates { get; } =
        [SubmissionState.Failed, SubmissionState.Rejected, SubmissionState.Error, SubmissionState.Undetermined, SubmissionState.Vanished];

    /// <summary>
    /// One page of submissions matching <paramref name="query"/>, newest change first (<c>updated_at</c>, then id,
    /// both descending), and the cursor of the next page.
    /// </summary>
    /// <remarks>
    /// Each state asked for is read on its own through an index that leads with it (the state index, or the
    /// workflow's or batch's index), newest first, at most one page deep; the pieces are then merged. Filters
    /// are added to the text only when set, so that each combination is planned for the index it can use.
    /// </remarks>
    public async Task<SubmissionPage> PageAsync(SubmissionPageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new StringBuilder();
        await using var command = dataSource.CreateCommand();
        var states = (query.States.Count == 0 ? SubmissionStates.All : query.States).Select(s => s.Name()).Distinct().ToArray();
        command.Parameters.AddWithValue("states", states);
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        if (query.Workflow is { } workflow)
        {
            conditions.Append(" AND s.workflow = @workflow");
            command.Parameters.AddWithValue("workflow", workflow);
        }

        if (query.BatchId is { } batch)
        {
            conditions.Append(" AND s.batch_id = @batch");
            command.Parameters.AddWithValue("batch", batch);
        }

        if (query.Since is { } since)
        {
            conditions.Append(" AND s.updated_at >= @since");
            command.Parameters.AddWithValue("since", NpgsqlDbType.TimestampTz, since);
        }

        if (query.After is { } after)
        {
            conditions.Append(" AND (s.updated_at, s.id) < (@after_at, @after_id)");
            command.Parameters.AddWithValue("after_at", NpgsqlDbType.TimestampTz, after.At);
            command.Parameters.AddWithValue("after_id", after.Id);
        }

        command.CommandText = $"""
            SELECT {SummaryColumns}, e.error, e.failure_category, e.request_id
            FROM (
                SELECT p.* FROM unnest(@states::text[]) AS st(state)
                CROSS JOIN LATERAL (
                    SELECT s.id, s.batch_id, s.workflow, s.source_name, s.state, s.state_reason, s.attempt, s.created_at, s.updated_at
                    FROM eigenpal.submissions s
                    WHERE s.state = st.state{conditions}
                    ORDER BY s.updated_at DESC, s.id DESC
                    LIMIT @limit
                ) p
                ORDER BY p.updated_at DESC, p.id DESC
                LIMIT @limit
            ) s
            {LatestAttemptJoin}
            ORDER BY s.updated_at DESC, s.id DESC
            """;
        var items = new List<SubmissionListItem>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new SubmissionListItem(ReadSummary(reader), NullableString(reader, 10), NullableString(reader, 11), NullableString(reader, 12)));
            }
        }

        if (items.Count <= query.Limit)
        {
            return new SubmissionPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        var last = items[^1].Submission;
        return new SubmissionPage(items, new PageCursor(last.UpdatedAt, last.Id));
    }
}
