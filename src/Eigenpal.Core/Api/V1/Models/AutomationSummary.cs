namespace Eigenpal.Api.V1;

/// <summary>An automation (workflow or agent) as listed by <see cref="AutomationsClient.ListAsync"/>.</summary>
/// <param name="Id">The implementation id (the workflow's id): the runs list's <c>source</c> filter.</param>
/// <param name="Type"><c>workflow</c> or <c>agent</c>.</param>
/// <param name="Slug">The slug used in targets, <c>workflows.&lt;slug&gt;</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="Version">The current release label.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Description">Its description.</param>
/// <param name="Status">Its status (values not specified).</param>
/// <param name="Triggers">Which triggers are on.</param>
public sealed record AutomationSummary(
    string Id,
    string Type,
    string Slug,
    string? Name = null,
    string? Version = null,
    DateTimeOffset? CreatedAt = null,
    string? Description = null,
    string? Status = null,
    AutomationTriggers? Triggers = null)
{
    /// <summary>The start target of this automation, <c>workflows.&lt;slug&gt;</c> or <c>agents.&lt;slug&gt;</c>.</summary>
    public string Target => $"{Type}s.{Slug}";
}
