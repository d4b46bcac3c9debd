namespace Eigenpal.Api.V1;

/// <summary>A file a run produced or took in (<c>files</c> of a completed run).</summary>
/// <param name="Name">The file name.</param>
/// <param name="Role">Its role, e.g. <c>input</c>, <c>output</c>, <c>debug</c>, <c>report</c>.</param>
/// <param name="Path">The path to fetch it from, under <c>{prefix}/runs/{id}/artifacts/</c>.</param>
/// <param name="StepName">The step that produced it.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record RunArtifact(string Name, string Role, string Path, string? StepName = null, string? ContentType = null, long? Size = null);
