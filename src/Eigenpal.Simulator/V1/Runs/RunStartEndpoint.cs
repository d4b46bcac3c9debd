using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Files;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// <c>POST /v1/runs</c> (§4.1): reads the body (JSON or multipart), resolves the target, the
/// version and every file reference, validates the inputs, creates the run, and answers 201, 200
/// or 202 (see <see cref="RunAnswer"/>). The <c>X-Eigenpal-Trigger</c> header (<c>api</c> or
/// <c>cli</c>, default <c>api</c>) becomes <c>trigger.type</c>.
/// </summary>
internal static class RunStartEndpoint
{
    public const string TriggerHeader = "X-Eigenpal-Trigger";

    public static async Task<IResult> Start(
        HttpContext context, WorkflowCatalog catalog, FileStore files, RunLauncher launcher, RunMapper mapper, ModeState modes, ApiClock time)
    {
        if (!V1Request.TryReadInt(context, "wait_for_completion", 0, RunAnswer.MaxWaitSeconds, out var wait, out var error))
        {
            return error!;
        }

        var trigger = context.Request.Headers[TriggerHeader].ToString();
        if (trigger.Length == 0)
        {
            trigger = "api";
        }
        else if (trigger is not ("api" or "cli"))
        {
            return ApiErrors.Validation(context, "headers.x-eigenpal-trigger", "X-Eigenpal-Trigger must be 'api' or 'cli'.");
        }

        var (body, readError) = await RunStartReader.ReadAsync(context);
        if (body is null)
        {
            return readError!;
        }

        if (string.IsNullOrEmpty(body.Target))
        {
            return ApiErrors.Validation(context, "body.target", "target is required, e.g. 'workflows.extract-invoice'.", "required");
        }

        if (RunTargets.Find(catalog, body.Target) is not { } workflow)
        {
            return ApiErrors.NotFound(context, "body.target", $"No automation matches target '{body.Target}' (targets are 'workflows.<slug>').");
        }

        var (version, versionError) = RunTargets.Version(context, workflow);
        if (version is null)
        {
            return versionError!;
        }

        if (RunTargets.TriggerAllowed(context, workflow, "body.target") is { } forbidden)
        {
            return forbidden;
        }

        var (resolved, resolveError) = FileReferenceResolver.Resolve(context, body, files, modes.Current);
        if (resolved is null)
        {
            return resolveError!;
        }

        if (RunInputValidator.Validate(context, workflow, resolved) is { } invalid)
        {
            return invalid;
        }

        var record = new RunRecord { Input = resolved.Input, Metadata = body.Metadata, Overrides = body.Overrides };
        var execution = launcher.Launch(workflow, version, resolved.Input, trigger, record);
        if (launcher.LoseResponse(context, V1EndpointNames.StartRun))
        {
            return Results.Empty;
        }

        return await RunAnswer.AfterStartAsync(context, execution, wait, mapper, modes, time);
    }
}
