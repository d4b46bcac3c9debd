using Eigenpal.Api;

namespace Eigenpal.Worker.Cli;

/// <summary>Asks the API whether a workflow (and a pinned version) exists before anything is recorded.</summary>
internal static class WorkflowCheck
{
    /// <summary>Null when the workflow (and version) exist; otherwise why not. Other API failures throw.</summary>
    public static async Task<string?> FindProblemAsync(EigenpalClient client, string workflow, string? version, CancellationToken ct)
    {
        WorkflowDetail detail;
        try
        {
            detail = await client.Workflows.GetAsync(workflow, ct);
        }
        catch (EigenpalNotFoundException)
        {
            return $"unknown workflow '{workflow}': the API at {client.BaseUrl} has no workflow with that id or name";
        }

        if (version is null)
        {
            return null;
        }

        for (var offset = 0; ; offset += 100)
        {
            var page = await client.Workflows.VersionsAsync(detail.Id, limit: 100, offset: offset, cancellationToken: ct);
            if (page.Data.Any(v => v.Version == version || v.Id == version))
            {
                return null;
            }

            if (page.Data.Count == 0 || offset + page.Data.Count >= page.Total)
            {
                return $"unknown version '{version}' of workflow '{workflow}'";
            }
        }
    }
}
