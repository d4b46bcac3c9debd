namespace Eigenpal.Api;

/// <summary>A workflow as listed by <see cref="WorkflowsClient.ListAsync"/>.</summary>
/// <param name="Id">The workflow id, e.g. <c>wf_abc123</c>.</param>
/// <param name="CreatedAt">When the workflow was created.</param>
/// <param name="Name">The name (slug) from its YAML, e.g. <c>extract-invoice</c>; <see langword="null"/> until a version is published.</param>
/// <param name="Version">The current release tag, e.g. <c>1.2.4</c>; <see langword="null"/> until a version is published.</param>
/// <param name="UpdatedAt">When the workflow was last changed.</param>
public sealed record WorkflowSummary(
    string Id,
    DateTimeOffset CreatedAt,
    string? Name = null,
    string? Version = null,
    DateTimeOffset? UpdatedAt = null);
