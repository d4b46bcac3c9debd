namespace Eigenpal.Api;

/// <summary>A released version of a workflow, as listed by <see cref="WorkflowsClient.VersionsAsync"/>.</summary>
/// <param name="Id">The version id, e.g. <c>wfh_xyz</c>; stable, so it can pin a run to this version.</param>
/// <param name="WorkflowId">The workflow the version belongs to.</param>
/// <param name="Version">The release tag.</param>
/// <param name="YamlContent">The workflow YAML at this version.</param>
/// <param name="IsCurrent">Whether this is the currently published version.</param>
/// <param name="CreatedAt">When the version was released.</param>
public sealed record WorkflowVersion(
    string Id,
    string WorkflowId,
    string? Version = null,
    string? YamlContent = null,
    bool? IsCurrent = null,
    DateTimeOffset? CreatedAt = null);
