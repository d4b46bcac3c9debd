using Eigenpal.Submissions;
using Npgsql;

namespace Eigenpal.Insights;

/// <summary>How many submissions are in one state of one workflow.</summary>
public sealed record WorkflowStateTotal(string Workflow, SubmissionState State, long Count);

/// <summary>How many submissions of one batch are in one state.</summary>
public sealed record BatchStateTotal(Guid BatchId, SubmissionState State, long Count);

/// <summary>
/// Exact totals per workflow and state, and per batch and state, for the dashboard, <c>/api/v1</c> and
/// metrics. Read-only; the one place these totals are asked for, so that how they are kept (a GROUP BY
/// today, counters kept with each state change at scale) can change behind it.
/// </summary>
public sealed class SubmissionTotals(NpgsqlDataSource dataSource)
{
    /// <summary>Every (workflow, state) with at least one submission.</summary>
    public async Task<IReadOnlyList<WorkflowStateTotal>> ByWorkflowAndStateAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT workflow, state, count(*) FROM eigenpal.submissions GROUP BY workflow, state ORDER BY workflow, state");
        var totals = new List<WorkflowStateTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new WorkflowStateTotal(reader.GetString(0), SubmissionStates.Parse(reader.GetString(1)), reader.GetInt64(2)));
        }

        return totals;
    }

    /// <summary>Every (batch, state) with at least one submission, for the given batches.</summary>
    public async Task<IReadOnlyList<BatchStateTotal>> ByBatchAsync(IReadOnlyCollection<Guid> batchIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchIds);
        await using var command = dataSource.CreateCommand(
            "SELECT batch_id, state, count(*) FROM eigenpal.submissions WHERE batch_id = ANY(@ids) GROUP BY batch_id, state");
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
