namespace Eigenpal.Submissions.Queries;

/// <summary>One line of <c>eigenpal results</c>: a submission's outcome next to the file it came from.</summary>
/// <param name="Id">The submission id.</param>
/// <param name="SourceName">The source name (a file's relative path, a manifest row's name).</param>
/// <param name="FileName">The name of its (first) file, if it has one.</param>
/// <param name="State">Its <see cref="SubmissionState"/>.</param>
/// <param name="RemoteId">The remote execution id of its latest attempt.</param>
/// <param name="ResultJson">The result of a completed run, as JSON text.</param>
/// <param name="Error">Why it did not complete, when recorded.</param>
public sealed record SubmissionResult(Guid Id, string? SourceName, string? FileName, string State, string? RemoteId, string? ResultJson, string? Error);
