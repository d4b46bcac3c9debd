using Eigenpal.Simulator.Faults;
using Eigenpal.Simulator.V1;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>Maps the Eigenpal workflows API (<c>/api/v1</c>) onto a host that called <c>AddSimulator</c>.</summary>
public static class EigenpalApiEndpoints
{
    /// <summary>
    /// Maps the seven workflow endpoints. Every request is counted, then authenticated, then
    /// exposed to the faults in force. Unknown paths under <c>/api/v1</c> get a 404 envelope, and so do
    /// these routes while <see cref="Options.ModeOptions.Surfaces"/> serves the v1 surface only.
    /// </summary>
    public static RouteGroupBuilder MapEigenpalApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter(SurfaceGate.Legacy);
        api.AddEndpointFilter<RequestCountingFilter>();
        api.AddEndpointFilter<ApiKeyFilter>();
        api.AddEndpointFilter<FaultFilter>();

        var workflows = api.MapGroup("/workflows");
        workflows.MapGet("/", WorkflowsEndpoints.List).WithName(EndpointNames.ListWorkflows);

        // Literal "executions" segments outrank the {id} parameter, so execution routes are never taken for a workflow id.
        workflows.MapGet("/executions/{executionId}", ExecutionsEndpoints.Get).WithName(EndpointNames.GetExecution);
        workflows.MapPost("/executions/{executionId}/cancel", ExecutionsEndpoints.Cancel).WithName(EndpointNames.CancelExecution);
        workflows.MapGet("/{id}", WorkflowsEndpoints.Get).WithName(EndpointNames.GetWorkflow);
        workflows.MapGet("/{id}/versions", WorkflowsEndpoints.Versions).WithName(EndpointNames.ListVersions);
        workflows.MapPost("/{id}/run", RunEndpoint.Run).WithName(EndpointNames.RunWorkflow).DisableAntiforgery();
        workflows.MapGet("/{id}/executions", ExecutionsEndpoints.List).WithName(EndpointNames.ListExecutions);

        app.Map("/api/{**rest}", (HttpContext context) =>
            ApiErrors.NotFound(context, "<root>", $"No API route matches {context.Request.Method} {context.Request.Path}."));
        return api;
    }
}
