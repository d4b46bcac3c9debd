using Eigenpal.Simulator.Endpoints.Contracts;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>Get, list and cancel executions. Status is computed from each execution's plan at the time of asking.</summary>
internal static class ExecutionsEndpoints
{
    public static IResult Get(HttpContext context, string executionId, ExecutionStore store, ApiClock time)
    {
        if (store.Find(executionId) is not { } execution)
        {
            return ApiErrors.ExecutionNotFound(context, executionId);
        }

        var includeSteps = string.Equals(context.Request.Query["includeSteps"], "true", StringComparison.OrdinalIgnoreCase);
        return TypedResults.Json(ExecutionResponses.Status(execution.ViewAt(time.GetUtcNow()), includeSteps), SimulatorJson.Options);
    }

    /// <summary>
    /// Only the workflow's own index is scanned. Order, page cap, empty high pages, visibility
    /// delay and the <c>triggerInput</c> shape follow the modes in force.
    /// </summary>
    public static IResult List(HttpContext context, string id, WorkflowCatalog catalog, ExecutionStore store, ModeState modeState, ApiClock time)
    {
        if (catalog.Find(id) is not { } workflow)
        {
            return ApiErrors.WorkflowNotFound(context, id);
        }

        var modes = modeState.Current;
        if (!Paging.TryRead(context, modes.MaxPageSize, out var paging, out var pagingError))
        {
            return pagingError!;
        }

        var now = time.GetUtcNow();
        var query = context.Request.Query;
        HashSet<string>? statuses = null;
        if (query["status"].ToString() is { Length: > 0 } statusList)
        {
            statuses = new HashSet<string>(statusList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            if (statuses.FirstOrDefault(s => !ExecutionStatus.All.Contains(s)) is { } unknown)
            {
                return ApiErrors.Validation(context, "query.status", $"'{unknown}' is not an execution status.");
            }
        }

        if (!TryReadDate(context, "fromDate", now, out var from, out var error) || !TryReadDate(context, "toDate", now, out var to, out error))
        {
            return error!;
        }

        // Executions are not started from evaluation examples in the simulator, so any exampleId matches none.
        var exampleOnly = !string.IsNullOrEmpty(query["exampleId"]);
        var newestFirst = modes.ListOrder == ListOrderMode.NewestFirst;
        var delayed = modes.ListVisibilityDelayMs > 0;
        var visibleFrom = now - TimeSpan.FromMilliseconds(modes.ListVisibilityDelayMs);
        var emptyPage = modes.EmptyPagesFromOffset > 0 && paging.Offset >= modes.EmptyPagesFromOffset;

        var all = store.ForWorkflow(workflow.Id).Span;
        var page = new List<ExecutionSummaryResponse>(Math.Min(paging.Limit, all.Length));
        var total = 0;
        for (var n = 0; n < all.Length && !exampleOnly; n++)
        {
            var e = all[newestFirst ? all.Length - 1 - n : n];
            if ((delayed && e.CreatedAt > visibleFrom)
                || (from is { } f && e.CreatedAt < f)
                || (to is { } t && e.CreatedAt > t)
                || (statuses is not null && !statuses.Contains(e.StatusAt(now))))
            {
                continue;
            }

            if (!emptyPage && total >= paging.Offset && page.Count < paging.Limit)
            {
                page.Add(ExecutionResponses.Summary(e, now, modes));
            }

            total++;
        }

        return TypedResults.Json(new PageResponse<ExecutionSummaryResponse>(page, total, paging.Limit, paging.Offset), SimulatorJson.Options);
    }

    public static IResult Cancel(HttpContext context, string executionId, ExecutionStore store, ApiClock time, ILogger<ExecutionStore> logger)
    {
        if (store.Find(executionId) is not { } execution)
        {
            return ApiErrors.ExecutionNotFound(context, executionId);
        }

        var outcome = execution.Cancel(time.GetUtcNow());
        Log.ExecutionCancelled(logger, execution.Id, outcome.Status, outcome.WasStatus);
        return TypedResults.Json(new CancelResponse(execution.Id, outcome.Status, outcome.WasStatus), SimulatorJson.Options);
    }

    private static bool TryReadDate(HttpContext context, string name, DateTimeOffset now, out DateTimeOffset? value, out IResult? error)
    {
        value = null;
        error = null;
        var raw = context.Request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return true;
        }

        if (!RelativeDate.TryParse(raw, now, out var parsed))
        {
            error = ApiErrors.Validation(context, $"query.{name}", $"{name} must be ISO-8601 or a relative expression such as now()-7d.");
            return false;
        }

        value = parsed;
        return true;
    }
}
