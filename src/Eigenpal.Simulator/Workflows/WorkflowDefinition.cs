namespace Eigenpal.Simulator.Workflows;

/// <summary>A workflow the simulator serves: its identity, versions, inputs, behaviour and logic.</summary>
internal sealed record WorkflowDefinition(
    string Id,
    string Name,
    string Kind,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<WorkflowVersion> Versions,
    IReadOnlyList<WorkflowInput> Inputs,
    WorkflowBehaviour Behaviour,
    Func<RunInput, WorkflowOutcome> Produce)
{
    public WorkflowVersion CurrentVersion => Versions.First(v => v.IsCurrent);

    /// <summary>Resolves the <c>version</c> query value: <c>latest</c> (or nothing), a version id or a release tag.</summary>
    public WorkflowVersion? ResolveVersion(string? version) =>
        string.IsNullOrEmpty(version) || version == "latest"
            ? CurrentVersion
            : Versions.FirstOrDefault(v => v.Id == version || v.Tag == version);
}
