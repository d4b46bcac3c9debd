using System.Collections.Concurrent;
using Eigenpal.Api;
using Eigenpal.Api.V1;

namespace Eigenpal.Surfaces;

/// <summary>
/// Resolves a workflow as a submission names it (its slug, or its id) to the v1 automation: the slug
/// makes the start target, the id filters the runs list. Looked up once per process and workflow
/// (<paramref name="known"/> is the process's cache); a lookup that failed is made again next time.
/// </summary>
internal sealed class AutomationDirectory(AutomationsClient automations, ConcurrentDictionary<string, AutomationRef> known)
{
    public async Task<AutomationRef> ResolveAsync(string workflow, CancellationToken ct)
    {
        if (known.TryGetValue(workflow, out var hit))
        {
            return hit;
        }

        var found = await LookUpAsync(workflow, ct);
        known[workflow] = found;
        return found;
    }

    private async Task<AutomationRef> LookUpAsync(string workflow, CancellationToken ct)
    {
        AutomationDetail detail;
        try
        {
            // The typed alias is what the reference documents for slugs; an id is accepted as it is.
            detail = await automations.GetAsync(workflow.StartsWith("workflows.", StringComparison.Ordinal) ? workflow : "workflows." + workflow, ct);
        }
        catch (EigenpalNotFoundException)
        {
            detail = await automations.GetAsync(workflow, ct);
        }

        return new AutomationRef(detail.Id, detail.Slug);
    }
}
