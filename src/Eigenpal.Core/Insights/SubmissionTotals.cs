using Eigenpal.Submissions;
using Npgsql;

namespace Eigenpal.Insights;

/// <summary>How many submissions are in one state of one workflow.</summary>
public sealed record WorkflowStateTotal(string Workflow, SubmissionState State, long Count);

/// <summary>How many submissions of one batch are in one state.</summary>
public sealed record BatchStateTotal(Guid BatchId, SubmissionState State, long Count);

/// <summary>
/// Exact totals per workflow and state, and per batch and state, for the dashboard, <c>/api/v1</c> and
/// metrics: the one place these totals are asked for. They are not counted from the submissions (a full
/// pass over a million rows costs ~190 ms) but read from counters that triggers keep in the same
/// transaction as every insert, state change and delete (migration 0010): the folded totals plus the
/// deltas not folded yet, summed in one statement, so every answer is exact at the moment it is read,
/// whether or not a fold (<see cref="StateTotalsFold"/>) runs meanwhile.
/// </summary>
public sealed class SubmissionTotals(NpgsqlDataSource dataSource)
{
    internal const string ByWorkflowSql = """
        SELECT workflow, state, sum(n)::bigint
        FROM (SELECT workflow, state, count AS n FROM eigenpal.submission_totals_workflow
              UNION ALL
              SELECT workflow, state, delta FROM eigenpal.submission_state_deltas) totals
        GROUP BY workflow, state HAVING sum(n) <> 0
        ORDER BY workflow, state
        """;

    internal const string ByBatchSql = """
        SELECT batch_id, state, sum(n)::bigint
        FROM (SELECT batch_id, state, count AS n FROM eigenpal.submission_totals_batch WHERE batch_id = ANY(@ids)
              UNION ALL
              SELECT batch_id, state, delta FROM eigenpal.submission_state_deltas WHERE batch_id = ANY(@ids)) totals
        GROUP BY batch_id, state HAVING sum(n) <> 0
        ORDER BY batch_id, state
        """;

    /// <summary>Every (workflow, state) with at least one submission.</summary>
    public async Task<IReadOnlyList<WorkflowStateTotal>> ByWorkflowAndStateAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ByWorkflowSql);
        var totals = new List<WorkflowStateTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new WorkflowStateTotal(reader.GetString(0), SubmissionStates.Parse(reader.GetString(1)), reader.GetInt64(2)));
        }

        return totals;
    }

    /// <summary>Every (batch, state) with at least one submission, for the given batches (a page of them, say).</summary>
    public async Task<IReadOnlyList<BatchStateTotal>> ByBatchAsync(IReadOnlyCollection<Guid> batchIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchIds);
        await using var command = dataSource.CreateCommand(ByBatchSql);
        command.Parameters.AddWithValue("ids", batchIds.ToArray());
        var totals = new List<BatchStateTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new BatchStateTotal(reader.GetGuid(0), SubmissionStates.Parse(reader.GetString(1)), reader.GetInt64(2)));
        }

        return totals;
    }
}
