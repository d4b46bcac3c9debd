using Eigenpal.Api;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// Asks the API whether a workflow (and a pinned version) exists before anything is recorded, and
/// reads the inputs that version declares when its YAML shows them (one more call when no version is pinned).
/// </summary>
internal static class WorkflowCheck
{
    /// <summary>What the check learnt.</summary>
    /// <param name="Problem">Null when the workflow (and version) exist; otherwise why not.</param>
    /// <param name="Inputs">The inputs of the version that would run, when they could be read.</param>
    public sealed record Result(string? Problem, WorkflowInputs? Inputs);

    /// <summary>Checks <paramref name="workflow"/>; API failures other than "not found" throw.</summary>
    public static async Task<Result> RunAsync(EigenpalClient client, string workflow, string? version, CancellationToken ct)
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
