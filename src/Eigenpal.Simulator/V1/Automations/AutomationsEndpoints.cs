using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Endpoints.Contracts;
using Eigenpal.Simulator.V1.Contracts;
using Eigenpal.Simulator.V1.Runs;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Automations;

/// <summary>
/// Automations (§6): the built-in workflows, all of type <c>workflow</c> (the legacy <c>block</c>
/// included, since it runs like one). <c>{id}</c> is the workflow id or the alias
/// <c>workflows.&lt;slug&gt;</c> (or <c>workflows.&lt;id&gt;</c>); a bare slug is not an id here.
/// </summary>
internal static class AutomationsEndpoints
{
    public static IResult List(HttpContext context, WorkflowCatalog catalog)
    {
        if (!V1Request.TryReadInt(context, "limit", 1, 100, out var limit, out var error)
            || !V1Request.TryReadInt(context, "offset", 0, int.MaxValue, out var offset, out error))
        {
            return error!;
        }

        var query = context.Request.Query;
        string? type = query["type"];
        if (!string.IsNullOrEmpty(type) && type is not ("workflow" or "agent"))
        {
            return ApiErrors.Validation(context, "query.type", "type must be 'workflow' or 'agent'.");
        }

        string? search = query["search"];
        var matches = catalog.All
            .Where(_ => type != "agent")
            .Where(w => string.IsNullOrEmpty(search) || w.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var (take, skip) = (limit ?? 50, offset ?? 0);
        return TypedResults.Json(
            new PageResponse<AutomationResponse>([.. matches.Skip(skip).Take(take).Select(w => Summary(w))], matches.Count, take, skip),
            SimulatorJson.Options);
    }

    public static IResult Get(HttpContext context, string id, WorkflowCatalog catalog) =>
        Find(catalog, id) is { } workflow
            ? TypedResults.Json(Summary(workflow) with { InputSchema = InputSchema.For(workflow) }, SimulatorJson.Options)
            : NotFound(context, id);

    public static IResult Versions(HttpContext context, string id, WorkflowCatalog catalog)
    {
        if (Find(catalog, id) is not { } workflow)
        {
            return NotFound(context, id);
        }

        var versions = workflow.Versions.Select(v => new AutomationVersionResponse(v.Id, workflow.Id, v.Tag, v.IsCurrent, WireTime.Format(v.CreatedAt))).ToList();
        return TypedResults.Json(new PageResponse<AutomationVersionResponse>(versions, versions.Count, versions.Count, 0), SimulatorJson.Options);
    }

    public static IResult Triggers(HttpContext context, string id, WorkflowCatalog catalog) =>
        Find(catalog, id) is { } workflow
            ? TypedResults.Json(new AutomationTriggersResponse(workflow.Id, RunMapper.WorkflowType, TriggerState(workflow)), SimulatorJson.Options)
            : NotFound(context, id);

    /// <summary>The workflow an automation id or alias names.</summary>
    public static WorkflowDefinition? Find(WorkflowCatalog catalog, string id) =>
        RunTargets.Find(catalog, id) ?? (catalog.Find(id) is { } byId && byId.Id == id ? byId : null);

    private static AutomationResponse Summary(WorkflowDefinition w) => new(
        w.Id,
        RunMapper.WorkflowType,
        w.Name,
        w.Name,
        WireTime.Format(w.CreatedAt),
        null,
        "active",
        w.CurrentVersion.Tag,
        TriggerState(w),
        true,
        WireTime.Format(w.UpdatedAt));

    private static AutomationTriggersState TriggerState(WorkflowDefinition w) => new(w.Behaviour.ApiTriggerEnabled, false, true, false);

    private static IResult NotFound(HttpContext context, string id) =>
        ApiErrors.NotFound(context, "path.id", $"Automation '{id}' was not found (use its id or 'workflows.<slug>').");
}
