namespace Eigenpal.Api.V1;

/// <summary>The automation a run belongs to (<c>source</c>).</summary>
/// <param name="Id">The id of the owning workflow or agent: the value of the list's <c>source</c> filter.</param>
/// <param name="Name">Its name.</param>
/// <param name="Version">The version label the run used (workflow runs).</param>
/// <param name="VersionId">The id of the workflow version the run used.</param>
public sealed record RunSource(string Id, string? Name = null, string? Version = null, string? VersionId = null);
