using Eigenpal.Api;
using Eigenpal.Surfaces;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// Asks the API whether a workflow (and a pinned version) exists before anything is recorded, and
/// reads the inputs that version declares: on v1 from the automation's <c>inputSchema</c>, on the
/// legacy surface from its YAML when it shows them (one more call when no version is pinned).
/// </summary>
internal static class WorkflowCheck
{
    /// <summary>What the check learnt.</summary>
    /// <param name="Problem">Null when the workflow (and version) exist; otherwise why not.</param>
    /// <param name="Inputs">The inputs of the version that would run, when they could be read.</param>
    public sealed record Result(string? Problem, WorkflowInputs? Inputs);

    /// <summary>Checks <paramref name="workflow"/> on the surface new runs go on; API failures other than "not found" throw.</summary>
    public static async Task<Result> RunAsync(RunSurfaces surfaces, string workflow, string? version, CancellationToken ct) =>
        await surfaces.ChooseAsync(ct) == ApiSurface.V1
            ? await RunOnV1Async(surfaces.V1.Client, workflow, version, ct)
            : await RunOnLegacyAsync(surfaces.Client, workflow, version, ct);

    /// <summary>
    /// v1: the automation (by its <c>workflows.&lt;slug&gt;</c> alias, else its id) and its declared inputs.
    /// A pinned version is not checked here (v1 lists versions without paging): a start of an unknown
    /// version is refused by the API, and that refusal is recorded on the submission. The
    /// <c>inputSchema</c> is the current release's, so a batch pinned to another version is not held
    /// to it (its inputs may differ); the API's refusals are then recorded as on the legacy surface.
    /// </summary>
    private static async Task<Result> RunOnV1Async(EigenpalClient client, string workflow, string? version, CancellationToken ct)
    {
        Api.V1.AutomationDetail detail;
        try
        {
            detail = await client.Automations.GetAsync("workflows." + workflow, ct);
        }
        catch (EigenpalNotFoundException)
        {
            try
            {
                detail = await client.Automations.GetAsync(workflow, ct);
            }
            catch (EigenpalNotFoundException)
            {
                return new Result($"unknown workflow '{workflow}': the API at {client.BaseUrl} has no automation workflows.{workflow} nor one with that id", null);
            }
        }

        var current = version is null || string.Equals(version, detail.Version, StringComparison.Ordinal);
        return new Result(null, current ? WorkflowInputs.FromJsonSchema(detail.InputSchema) : null);
    }

    private static async Task<Result> RunOnLegacyAsync(EigenpalClient client, string workflow, string? version, CancellationToken ct)
    {
        WorkflowDetail detail;
        try
        {
            detail = await client.Workflows.GetAsync(workflow, ct);
        }
        catch (EigenpalNotFoundException)
        {
            return new Result($"unknown workflow '{workflow}': the API at {client.BaseUrl} has no workflow with that id or name", null);
        }

        if (version is null)
        {
            return new Result(null, await CurrentInputsAsync(client, detail, ct));
        }

        for (var offset = 0; ; offset += 100)
        {
            var page = await client.Workflows.VersionsAsync(detail.Id, limit: 100, offset: offset, cancellationToken: ct);
            if (page.Data.FirstOrDefault(v => v.Version == version || v.Id == version) is { } pinned)
            {
                return new Result(null, WorkflowInputs.FromYaml(pinned.YamlContent));
            }

            if (page.Data.Count == 0 || offset + page.Data.Count >= page.Total)
            {
                return new Result($"unknown version '{version}' of workflow '{workflow}'", null);
            }
        }
    }

    /// <summary>The current version's inputs: advice only, so a failure of this call leaves them unknown.</summary>
    private static async Task<WorkflowInputs?> CurrentInputsAsync(EigenpalClient client, WorkflowDetail detail, CancellationToken ct)
    {
        if (WorkflowInputs.FromYaml(detail.YamlContent) is { } fromDetail)
        {
            return fromDetail;
        }

        try
        {
            var page = await client.Workflows.VersionsAsync(detail.Id, limit: 20, cancellationToken: ct);
            var current = page.Data.FirstOrDefault(v => v.IsCurrent == true)
                ?? page.Data.FirstOrDefault(v => detail.Version is not null && v.Version == detail.Version);
            return WorkflowInputs.FromYaml(current?.YamlContent);
        }
        catch (EigenpalException ex) when (ex is not (EigenpalAuthenticationException or EigenpalRateLimitException))
        {
            return null;
        }
    }
}
