using System.Globalization;
using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints.Contracts;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Faults;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// <c>POST /api/v1/workflows/{id}/run</c>: validates, creates the execution, and answers 201 with
/// its id, holding the request first when <c>wait_for_completion</c> asks for it.
/// An unknown <c>version</c> is a 404 on field <c>query.version</c>.
/// </summary>
internal static class RunEndpoint
{
    public const int MaxWaitSeconds = 60;

    // How often a held request re-checks its execution; a cancel can end it before the plan says.
    private static readonly TimeSpan WaitCheckInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<IResult> Run(
        HttpContext context,
        string id,
        WorkflowCatalog catalog,
        ExecutionFactory factory,
        SimulatorCounters counters,
        FaultState faults,
        LookAlikeMaker lookAlikes,
        ApiClock time,
        ILogger<ExecutionFactory> logger)
    {
        var ct = context.RequestAborted;
        if (catalog.Find(id) is not { } workflow)
        {
            return ApiErrors.WorkflowNotFound(context, id);
        }

        string? versionQuery = context.Request.Query["version"];
        if (workflow.ResolveVersion(versionQuery) is not { } version)
        {
            return ApiErrors.NotFound(context, "query.version", $"Version '{versionQuery}' of workflow '{workflow.Name}' was not found (use 'latest', a version id or a release tag).");
        }

        TimeSpan? wait = null;
        if (context.Request.Query.TryGetValue("wait_for_completion", out var rawWait))
        {
            if (!int.TryParse(rawWait, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > MaxWaitSeconds)
            {
                return ApiErrors.Validation(context, "query.wait_for_completion", $"wait_for_completion must be an integer from 1 to {MaxWaitSeconds} seconds.");
            }

            wait = TimeSpan.FromSeconds(seconds);
        }

        if (!workflow.Behaviour.ApiTriggerEnabled)
        {
            return ApiErrors.Error(context, StatusCodes.Status403Forbidden, "path.id", $"API triggering is disabled for workflow '{workflow.Name}'.", "forbidden", "Enable API triggers for this workflow in its settings.");
        }

        var (request, error) = await RunRequestReader.ReadAsync(context, ct);
        if (error is not null || request is null)
        {
            return error ?? ApiErrors.Validation(context, "body", "The body could not be read.");
        }

        if (RunRequestReader.Validate(context, workflow, request.Input) is { } invalid)
        {
            return invalid;
        }

        var (execution, duplicate) = factory.Create(workflow, version, request.Input, request.Trigger);
        counters.ExecutionCreated(duplicate);
        Log.ExecutionCreated(logger, execution.Id, workflow.Name, execution.Plan.Terminal.Status, execution.Plan.Terminal.At);
        lookAlikes.Consider(execution, version, request.Input);

        if (faults.AppliesTo(EndpointNames.RunWorkflow, HttpMethods.Post) && faults.ShouldLoseRunResponse())
        {
            // The crash window: the execution exists, but the client never learns its id.
            counters.LostResponse();
            Log.FaultInjected(logger, "lost-run-response", context.TraceIdentifier, EndpointNames.RunWorkflow);
            context.Abort();
            return Results.Empty;
        }

        if (wait is { } hold)
        {
            var deadline = time.GetUtcNow() + hold;
            while (time.GetUtcNow() is var now && now < execution.EndsAt && now < deadline)
            {
                var until = execution.EndsAt < deadline ? execution.EndsAt : deadline;
                var delay = until - now;
                await Task.Delay(delay < WaitCheckInterval ? delay : WaitCheckInterval, time, ct);
            }

            var view = execution.ViewAt(time.GetUtcNow());
            if (view.IsTerminal)
            {
                return TypedResults.Json(new RunResponse(execution.Id, view.Status, view.Result, view.Error), SimulatorJson.Options, contentType: null, statusCode: StatusCodes.Status201Created);
            }
        }

        return TypedResults.Json(new RunResponse(execution.Id), SimulatorJson.Options, contentType: null, statusCode: StatusCodes.Status201Created);
    }
}
