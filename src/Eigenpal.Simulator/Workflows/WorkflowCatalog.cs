using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Workflows;

/// <summary>The workflows served, looked up by id (<c>wf_…</c>) or by name (slug).</summary>
internal sealed class WorkflowCatalog
{
    private readonly Dictionary<string, WorkflowDefinition> byKey = new(StringComparer.Ordinal);

    public WorkflowCatalog(IOptions<SimulatorOptions> options)
    {
        All = BuiltInWorkflows.Create(options.Value.Workflows);
        foreach (var workflow in All)
        {
            byKey[workflow.Id] = workflow;
            byKey[workflow.Name] = workflow;
        }
    }

    public IReadOnlyList<WorkflowDefinition> All { get; }

    public WorkflowDefinition? Find(string idOrName) => byKey.GetValueOrDefault(idOrName);
}
