using Eigenpal.Insights;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Dashboard.Api;

/// <summary>
/// <c>/api/v1</c>: the dashboard's numbers and lists as JSON for scripts, from the same Core queries as the pages,
/// behind the viewer policy. Documented in the README ("Dashboard JSON API").
/// </summary>
public static class DashboardApi
{
    /// <summary>Maps every <c>/api/v1</c> endpoint and the batch export links (<c>/batches/{id}/results.jsonl|csv</c>).</summary>
    public static IEndpointRouteBuilder MapDashboardApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DashboardRoutes.Api).RequireAuthorization(AccessPolicies.Viewer);
        api.MapGet("/totals", TotalsAsync);
        api.MapGet("/batches", BatchesAsync);
        api.MapGet("/batches/{id:guid}", BatchAsync);
        api.MapGet("/batches/{id:guid}/results", (Guid id, string? format, SubmissionQueries queries, BatchQueries batches, HttpContext http) =>
            ExportAsync(id, ResultsExport.FormatOf(format ?? "jsonl"), queries, batches, http));
        api.MapGet("/submissions", SubmissionsAsync);
        api.MapGet("/submissions/{id:guid}", SubmissionAsync);
        api.MapGet("/failure-reasons", FailureReasonsAsync);
        api.MapGet("/stuck", StuckAsync);
        api.MapGet("/awaiting-decision", AwaitingAsync);
        api.MapGet("/throughput", ThroughputAsync);
        api.MapGet("/durations", DurationsAsync);
        foreach (var format in new[] { ResultsFormat.JsonLines, ResultsFormat.Csv })
        {
            var extension = format == ResultsFormat.Csv ? "csv" : "jsonl";
            app.MapGet($"/batches/{{id:guid}}/results.{extension}", (Guid id, SubmissionQueries queries, BatchQueries batches, HttpContext http) =>
                    ExportAsync(id, format, queries, batches, http))
                .RequireAuthorization(AccessPolicies.Viewer);
        }

        return app;
    }

    private static JsonHttpResult<T> Json<T>(T value) => TypedResults.Json(value, ApiJson.Options);

    private static JsonHttpResult<ProblemsResponse> BadRequest(IReadOnlyList<string> problems) =>
        TypedResults.Json(new ProblemsResponse(problems), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);

    private static async Task<IResult> TotalsAsync(SubmissionTotals totals, CancellationToken ct) =>
        Json(TotalsResponse.From(await totals.ByWorkflowAndStateAsync(ct)));

    private static async Task<IResult> BatchesAsync(
        int? limit, string? cursor, BatchQueries batches, IOptions<EigenpalDashboardOptions> options, CancellationToken ct)
    {
        if (limit is < 1 or > SubmissionListRequest.MaxLimit || (cursor is not null && !PageCursor.TryParse(cursor, out _)))
        {
            return BadRequest([$"limit must be 1 to {SubmissionListRequest.MaxLimit}, cursor one this list gave out."]);
        }

        var after = PageCursor.TryParse(cursor, out var parsed) ? parsed : null;
        var (page, next) = await batches.PageAsync(limit ?? 20, after, ct);
        var progress = await batches.ProgressAsync(page, TimeSpan.FromMinutes(options.Value.RateWindowMinutes), ct);
        return Json(new PageResponse<BatchResponse>([.. progress.Select(BatchResponse.From)], next?.Encode()));
    }

    private static async Task<IResult> BatchAsync(Guid id, BatchQueries batches, IOptions<EigenpalDashboardOptions> options, CancellationToken ct)
    {
        if (await batches.FindAsync(id, ct) is not { } batch)
        {
            return TypedResults.NotFound();
        }

        var progress = await batches.ProgressAsync([batch], TimeSpan.FromMinutes(options.Value.RateWindowMinutes), ct);
        return Json(BatchResponse.From(progress[0]));
    }

    private static async Task<IResult> ExportAsync(Guid id, ResultsFormat? format, SubmissionQueries queries, BatchQueries batches, HttpContext http)
    {
        if (format is not { } f)
        {
            return BadRequest(["format must be jsonl or csv."]);
        }

        if (await batches.FindAsync(id, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        return new ResultsDownload(id, f, queries);
    }

    private static async Task<IResult> SubmissionsAsync(HttpContext http, SubmissionQueries queries, TimeProvider time, CancellationToken ct)
    {
        var request = SubmissionListRequest.Parse(http.Request.Query, time.GetUtcNow());
        if (request.Problems.Count > 0)
        {
            return BadRequest(request.Problems);
        }

        var page = await queries.PageAsync(request.Query, ct);
        return Json(new PageResponse<SubmissionItem>([.. page.Items.Select(SubmissionItem.From)], page.Next?.Encode()));
    }

    private static async Task<IResult> SubmissionAsync(Guid id, SubmissionQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id.ToString(), ct) is { } detail && detail.Submission.Id == id
            ? Json(SubmissionResponse.From(detail))
            : TypedResults.NotFound();

    private static async Task<IResult> FailureReasonsAsync(
        int? hours, string? workflow, Guid? batch, int? limit, SubmissionQueries queries, TimeProvider time, IOptions<EigenpalDashboardOptions> options, CancellationToken ct)
    {
        var window = hours ?? options.Value.FailureWindowHours;
        if (window is < 1 or > 24 * 366 || limit is < 1 or > 100)
        {
            return BadRequest(["hours must be 1 to 8784, limit 1 to 100."]);
        }

        var since = batch is null ? time.GetUtcNow().AddHours(-window) : (DateTimeOffset?)null;
        var reasons = await queries.TopFailureReasonsAsync(new SubmissionFilter(batch?.ToString(), workflow), since, limit ?? 20, ct);
        return Json(new { since, reasons });
    }

    private static async Task<IResult> StuckAsync(SubmissionQueries queries, IOptions<EigenpalDashboardOptions> options, CancellationToken ct) =>
        Json((await queries.StuckAsync(options.Value.StuckThresholds(), 20, options.Value.StuckCountCap, ct)).Select(StuckResponse.From));

    private static async Task<IResult> AwaitingAsync(SubmissionQueries queries, int? limit, CancellationToken ct) =>
        limit is < 1 or > SubmissionListRequest.MaxLimit
            ? BadRequest([$"limit must be 1 to {SubmissionListRequest.MaxLimit}."])
            : Json(await queries.AwaitingDecisionAsync(new SubmissionFilter(), limit ?? 50, ct));

    private static async Task<IResult> ThroughputAsync(int? hours, ThroughputQueries throughput, IOptions<EigenpalDashboardOptions> options, CancellationToken ct) =>
        hours is < 1 or > 48
            ? BadRequest(["hours must be 1 to 48."])
            : Json(await throughput.PerMinuteAsync(hours ?? options.Value.ChartHours, ct));

    private static async Task<IResult> DurationsAsync(int? hours, ThroughputQueries throughput, IOptions<EigenpalDashboardOptions> options, CancellationToken ct) =>
        hours is < 1 or > 48
            ? BadRequest(["hours must be 1 to 48."])
            : Json((await throughput.DurationsAsync(hours ?? options.Value.ChartHours, options.Value.DurationSample, ct)).Select(DurationResponse.From));
}
