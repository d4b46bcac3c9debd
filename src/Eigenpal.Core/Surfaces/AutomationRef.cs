namespace Eigenpal.Surfaces;

/// <summary>A workflow as the v1 surface knows it: its id (what the runs list's <c>source</c> filter and <c>source.id</c> hold) and its slug (what a target names).</summary>
internal sealed record AutomationRef(string Id, string Slug)
{
    /// <summary>The start target: <c>workflows.&lt;slug&gt;</c>.</summary>
    public string Target => "workflows." + Slug;
}
