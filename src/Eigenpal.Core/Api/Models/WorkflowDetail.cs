namespace Eigenpal.Api;

/// <summary>A workflow as returned by <see cref="WorkflowsClient.GetAsync"/>.</summary>
/// <param name="Id">The workflow id, e.g. <c>wf_abc123</c>.</param>
/// <param name="CreatedAt">When the workflow was created.</param>
/// <param name="Name">The name (slug) from its YAML; <see langword="null"/> until a version is published.</param>
/// <param name="Version">The current release tag; <see langword="null"/> until a version is published.</param>
/// <param name="UpdatedAt">When the workflow was last changed.</param>
/// <param name="YamlContent">The current version's YAML, when the server sends it (the API documents it inconsistently).</param>
public sealed record WorkflowDetail(
    string Id,
    DateTimeOffset CreatedAt,
    string? Name = null,
    string? Version = null,
    DateTimeOffset? UpdatedAt = null,
    string? YamlContent = null);
