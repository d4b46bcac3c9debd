using Eigenpal.Simulator.Endpoints.Contracts;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>List workflows, get a workflow, list its versions. <c>{id}</c> is the id or the name.</summary>
internal static class WorkflowsEndpoints
{
    public static IResult List(HttpContext context, WorkflowCatalog catalog)
    {
        if (!Paging.TryRead(context, out var paging, out var error))
        {
            return error!;
        }

        var query = context.Request.Query;
        string? search = query["search"];
        string? name = query["name"];
        string? kind = query["kind"];
        if (!string.IsNullOrEmpty(kind) && kind is not ("workflow" or "block"))
        {
            return ApiErrors.Validation(context, "query.kind", "kind must be 'workflow' or 'block'.");
        }

        var matches = catalog.All
            .Where(w => string.IsNullOrEmpty(search) || w.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(w => string.IsNullOrEmpty(name) || w.Name == name)
            .Where(w => string.IsNullOrEmpty(kind) || w.Kind == kind)
            .ToList();
        var page = matches.Skip(paging.Offset).Take(paging.Limit).Select(ToResponse).ToList();
        return TypedResults.Json(new PageResponse<WorkflowResponse>(page, matches.Count, paging.Limit, paging.Offset), SimulatorJson.Options);
    }

    public static IResult Get(HttpContext context, string id, WorkflowCatalog catalog) =>
        catalog.Find(id) is { } workflow
            ? TypedResults.Json(ToResponse(workflow), SimulatorJson.Options)
            : ApiErrors.WorkflowNotFound(context, id);

    public static IResult Versions(HttpContext context, string id, WorkflowCatalog catalog)
    {
        if (catalog.Find(id) is not { } workflow)
        {
            return ApiErrors.WorkflowNotFound(context, id);
        }

        if (!Paging.TryRead(context, out var paging, out var error))
        {
            return error!;
        }

        var page = workflow.Versions
            .Skip(paging.Offset)
            .Take(paging.Limit)
            .Select(v => new VersionResponse(v.Id, workflow.Id, v.Tag, v.YamlContent, v.IsCurrent, WireTime.Format(v.CreatedAt)))
            .ToList();
        return TypedResults.Json(new PageResponse<VersionResponse>(page, workflow.Versions.Count, paging.Limit, paging.Offset), SimulatorJson.Options);
    }

    private static WorkflowResponse ToResponse(WorkflowDefinition w) =>
        new(w.Id, WireTime.Format(w.CreatedAt), w.Name, w.CurrentVersion.Tag, WireTime.Format(w.UpdatedAt));
}
