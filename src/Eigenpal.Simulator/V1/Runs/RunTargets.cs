using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// Resolves what a start names: <c>workflows.&lt;slug&gt;</c> or <c>workflows.&lt;workflow id&gt;</c>
/// (§4.1); <c>agents.…</c> and anything else name no automation here (404). Also the checks a
/// start and a rerun share: the <c>version</c> query and the API trigger.
/// </summary>
internal static class RunTargets
{
    public const string WorkflowsPrefix = "workflows.";

    public static WorkflowDefinition? Find(WorkflowCatalog catalog, string target) =>
        target.StartsWith(WorkflowsPrefix, StringComparison.Ordinal) ? catalog.Find(target[WorkflowsPrefix.Length..]) : null;

    /// <summary>The version to run: <c>latest</c> (or none), a tag or a version id; <paramref name="original"/> for <c>original</c> on a rerun.</summary>
    public static (WorkflowVersion? Version, IResult? Error) Version(HttpContext context, WorkflowDefinition workflow, WorkflowVersion? original = null)
    {
        if (!context.Request.Query.TryGetValue("version", out var raw))
        {
            return (workflow.CurrentVersion, null);
        }

        var requested = raw.ToString();
        if (requested.Length == 0)
        {
            return (null, ApiErrors.Validation(context, "query.version", "version must not be empty."));
        }

        var version = original is not null && requested == "original" ? original : workflow.ResolveVersion(requested);
        return version is null
            ? (null, ApiErrors.NotFound(context, "query.version", $"Version '{requested}' of '{workflow.Name}' was not found (use a release tag, a version id{(original is null ? "" : ", original")} or leave it out for the latest)."))
            : (version, null);
    }

    public static IResult? TriggerAllowed(HttpContext context, WorkflowDefinition workflow, string field) =>
        workflow.Behaviour.ApiTriggerEnabled
            ? null
            : ApiErrors.Error(context, StatusCodes.Status403Forbidden, field, $"API triggering is disabled for '{workflow.Name}'.", "api_trigger_disabled", "Enable the API trigger of this automation in Studio.");
}
