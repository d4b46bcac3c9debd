using System.Text.Json;

namespace Eigenpal.Api.V1;

/// <summary>One automation as returned by <see cref="AutomationsClient.GetAsync"/>, with its input and output schemas.</summary>
/// <param name="Id">The implementation id (the workflow's id).</param>
/// <param name="Type"><c>workflow</c> or <c>agent</c>.</param>
/// <param name="Slug">The slug used in targets.</param>
/// <param name="Name">The display name.</param>
/// <param name="Version">The current release label.</param>
/// <param name="InputSchema">The JSON Schema of the inputs, if published.</param>
/// <param name="OutputSchema">The JSON Schema of the output, if published.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Description">Its description.</param>
/// <param name="Status">Its status (values not specified).</param>
/// <param name="Triggers">Which triggers are on.</param>
public sealed record AutomationDetail(
    string Id,
    string Type,
    string Slug,
    string? Name = null,
    string? Version = null,
    JsonElement? InputSchema = null,
    JsonElement? OutputSchema = null,
    DateTimeOffset? CreatedAt = null,
    string? Description = null,
    string? Status = null,
    AutomationTriggers? Triggers = null)
{
    /// <summary>The start target of this automation, <c>workflows.&lt;slug&gt;</c> or <c>agents.&lt;slug&gt;</c>.</summary>
    public string Target => $"{Type}s.{Slug}";
}
