using Eigenpal.Worker.Exports;

namespace Eigenpal.Worker.Dashboard;

/// <summary>
/// The dashboard's addresses in one place, so pages, <c>/api/v1</c> and the action pages (under
/// <c>Pages/Actions/</c>) link to each other without spelling routes twice.
/// </summary>
public static class DashboardRoutes
{
    /// <summary>The JSON API's prefix.</summary>
    public const string Api = "/api/v1";

    /// <summary>The overview.</summary>
    public const string Overview = "/";

    /// <summary>The submissions list (append a query string to filter it).</summary>
    public const string Submissions = "/submissions";

    /// <summary>The batch list.</summary>
    public const string Batches = "/batches";

    /// <summary>One submission's page.</summary>
    public static string Submission(Guid id) => $"/submissions/{id}";

    /// <summary>One batch's page.</summary>
    public static string Batch(Guid id) => $"/batches/{id}";

    /// <summary>A batch's export, the same bytes as <c>eigenpal results --batch ID --out FILE.jsonl|.csv</c>.</summary>
    public static string BatchResults(Guid id, ResultsFormat format) =>
        $"/batches/{id}/results.{(format == ResultsFormat.Csv ? "csv" : "jsonl")}";

    /// <summary>The confirm page that cancels a submission (an action page, <c>Pages/Actions/</c>).</summary>
    public static string CancelSubmission(Guid id) => $"/submissions/{id}/cancel";

    /// <summary>The confirm page that resubmits a submission now (an action page).</summary>
    public static string ResubmitSubmission(Guid id) => $"/submissions/{id}/resubmit";

    /// <summary>The confirm page that settles an undetermined submission (an action page).</summary>
    public static string SettleSubmission(Guid id) => $"/submissions/{id}/settle";

    /// <summary>The confirm page that cancels a batch's unfinished submissions (an action page).</summary>
    public static string CancelBatch(Guid id) => $"/batches/{id}/cancel";
}
