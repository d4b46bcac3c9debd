using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Exports;

namespace Eigenpal.Worker.Dashboard.Api;

/// <summary>
/// A batch's export streamed as a download through <see cref="ResultsExport"/>, row by row as the query reads them,
/// so a batch of 100,000 never sits in memory and the bytes are those <c>eigenpal results</c> writes to a file.
/// </summary>
internal sealed class ResultsDownload(Guid batchId, ResultsFormat format, SubmissionQueries queries) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var extension = format == ResultsFormat.Csv ? "csv" : "jsonl";
        httpContext.Response.ContentType = format == ResultsFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"results-{batchId}.{extension}\"";
        var rows = queries.ResultsAsync(batchId.ToString(), httpContext.RequestAborted);
        await ResultsExport.WriteAsync(httpContext.Response.Body, format, rows, httpContext.RequestAborted);
    }
}
