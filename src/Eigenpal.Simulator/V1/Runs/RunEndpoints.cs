using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Contracts;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// <c>GET /v1/runs/{id}</c> (§4.2) and <c>POST /v1/runs/{id}/cancel</c> (§4.4). Any execution is a
/// run, whichever surface started it.
/// </summary>
internal static class RunEndpoints
{
    public static IResult Get(HttpContext context, string id, ExecutionStore store, RunMapper mapper, ApiClock time)
    {
        if (!RunExpandParser.TryParse(context.Request.Query["expand"], out var expand, out var unknown))
        {
            return ApiErrors.Validation(context, "query.expand", $"'{unknown}' is not an expand token (input, usage, execution, debug).");
        }

        return store.Find(id) is { } execution
            ? TypedResults.Json(mapper.Run(execution, time.GetUtcNow(), expand), SimulatorJson.Options)
            : RunNotFound(context, id);
    }

    /// <summary>
    /// Created/pending runs are cancelled at once (<c>cancelled</c>); running ones get a request
    /// (<c>requested</c>, again on a second call) and stop at their next status change; ended ones
    /// are left alone (<c>already_terminal</c>).
    /// </summary>
    public static IResult Cancel(HttpContext context, string id, ExecutionStore store, RunRecords records, ApiClock time, ILogger<RunRecords> logger)
    {
        if (store.Find(id) is not { } execution)
        {
            return RunNotFound(context, id);
        }

        var now = time.GetUtcNow();
        var outcome = execution.Cancel(now);
        Log.ExecutionCancelled(logger, execution.Id, outcome.Status, outcome.WasStatus);
        var state = outcome.Status switch
        {
            CancelOutcome.CancelledNow => "cancelled",
            CancelOutcome.CancellationRequested => "requested",
            _ => "already_terminal",
        };
        if (outcome.Status != CancelOutcome.AlreadyTerminal)
        {
            records.GetOrAdd(id).CancelRequested(now);
        }

        var status = execution.StatusAt(now);
        return TypedResults.Json(
            new RunCancelResponse(id, RunMapper.WorkflowType, ExecutionStatus.IsTerminal(status), new RunCancelExecution(status), new RunCancellation(state, outcome.WasStatus)),
            SimulatorJson.Options);
    }

    public static IResult RunNotFound(HttpContext context, string id) =>
        ApiErrors.NotFound(context, "path.id", $"Run '{id}' was not found.");
}
