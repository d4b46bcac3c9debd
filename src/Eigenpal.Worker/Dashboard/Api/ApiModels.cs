using Eigenpal.Insights;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Exports;

namespace Eigenpal.Worker.Dashboard.Api;

/// <summary>Totals per state, over everything and per workflow (<c>GET /api/v1/totals</c>).</summary>
internal sealed record TotalsResponse(long Total, IReadOnlyDictionary<string, long> States, IReadOnlyList<WorkflowTotals> Workflows)
{
    public static TotalsResponse From(IReadOnlyList<WorkflowStateTotal> totals)
    {
        var workflows = totals.GroupBy(t => t.Workflow, StringComparer.Ordinal)
            .Select(g => new WorkflowTotals(g.Key, g.Sum(t => t.Count), ByState(g)))
            .ToList();
        return new TotalsResponse(totals.Sum(t => t.Count), ByState(totals), workflows);
    }

    /// <summary>Every state, with 0 for those that have none, in the dashboard's order.</summary>
    public static IReadOnlyDictionary<string, long> ByState(IEnumerable<WorkflowStateTotal> totals)
    {
        var counts = SubmissionStates.All.ToDictionary(s => s.Name(), _ => 0L, StringComparer.Ordinal);
        foreach (var total in totals)
        {
            counts[total.State.Name()] += total.Count;
        }

        return counts;
    }
}

/// <summary>One workflow's totals.</summary>
internal sealed record WorkflowTotals(string Workflow, long Total, IReadOnlyDictionary<string, long> States);

/// <summary>A batch and how far it has got.</summary>
internal sealed record BatchResponse(
    Guid Id, string? Name, string Workflow, DateTimeOffset CreatedAt, long Total, long Finished, double FinishedShare,
    IReadOnlyDictionary<string, long> States, double RecentPerMinute, int RateWindowMinutes, double AveragePerMinute, DateTimeOffset? LastChange,
    string ResultsJsonl, string ResultsCsv)
{
    public static BatchResponse From(BatchProgress p) => new(
        p.Batch.Id, p.Batch.Name, p.Batch.Workflow, p.Batch.CreatedAt, p.Total, p.Finished, Math.Round(p.FinishedShare, 4),
        SubmissionStates.All.ToDictionary(s => s.Name(), p.Count, StringComparer.Ordinal),
        Math.Round(p.RecentPerMinute, 2), (int)p.RateWindow.TotalMinutes, Math.Round(p.AveragePerMinute, 2), p.LastChange,
        DashboardRoutes.BatchResults(p.Batch.Id, ResultsFormat.JsonLines), DashboardRoutes.BatchResults(p.Batch.Id, ResultsFormat.Csv));
}

/// <summary>A page of a list and the cursor of the next one (null on the last page).</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A listed submission.</summary>
internal sealed record SubmissionItem(
    Guid Id, Guid? BatchId, string Workflow, string? Source, string State, string? Reason, int Attempt, string? ExecutionId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error, string? FailureCategory, string? RequestId)
{
    public static SubmissionItem From(SubmissionListItem i) => From(i.Submission, i.Error, i.FailureCategory, i.RequestId);

    public static SubmissionItem From(SubmissionSummary s, string? error = null, string? category = null, string? requestId = null) => new(
        s.Id, s.BatchId, s.Workflow, s.SourceName, s.State, s.Reason, s.Attempt, s.RemoteId, s.CreatedAt, s.UpdatedAt, error, category, requestId);
}

/// <summary>Everything about one submission, files without their bytes (<c>GET /api/v1/submissions/{id}</c>).</summary>
internal sealed record SubmissionResponse(
    SubmissionItem Submission, string? Version, string IdempotencyKey, System.Text.Json.Nodes.JsonNode? Input,
    IReadOnlyList<StoredFile> Files, IReadOnlyList<AttemptResponse> Attempts, IReadOnlyList<StatusChange> History)
{
    public static SubmissionResponse From(SubmissionDetail d) => new(
        SubmissionItem.From(d.Submission), d.Version, d.IdempotencyKey, ApiJson.Parse(d.InputJson), d.StoredFiles,
        [.. d.Attempts.Select(AttemptResponse.From)], d.History);
}

/// <summary>One attempt, its result as JSON.</summary>
internal sealed record AttemptResponse(
    Guid Id, int Attempt, string? ExecutionId, string Status, DateTimeOffset SentAt, DateTimeOffset? CompletedAt,
    System.Text.Json.Nodes.JsonNode? Result, string? Error, string? FailureCategory, string? RequestId, string? CancelOutcome, string Surface, string? MadeBecause)
{
    public static AttemptResponse From(ExecutionAttempt a) => new(
        a.Id, a.Attempt, a.RemoteId, a.Status, a.SentAt, a.CompletedAt, ApiJson.Parse(a.ResultJson), a.Error, a.FailureCategory,
        a.RequestId, a.CancelOutcome, a.Surface, a.MadeBecause);
}

/// <summary>Stuck work of one state.</summary>
internal sealed record StuckResponse(string State, double OlderThanSeconds, long Count, bool AtLeast, IReadOnlyList<SubmissionItem> Oldest)
{
    public static StuckResponse From(StuckState s) =>
        new(s.State.Name(), s.OlderThan.TotalSeconds, s.Count, s.AtLeast, [.. s.Oldest.Select(o => SubmissionItem.From(o))]);
}

/// <summary>One workflow's run durations, in seconds.</summary>
internal sealed record DurationResponse(string Workflow, long Runs, double P50Seconds, double P95Seconds)
{
    public static DurationResponse From(WorkflowDuration d) => new(d.Workflow, d.Runs, Math.Round(d.P50.TotalSeconds, 3), Math.Round(d.P95.TotalSeconds, 3));
}

/// <summary>Why a request was refused (400): each problem names its parameter.</summary>
internal sealed record ProblemsResponse(IReadOnlyList<string> Problems);
