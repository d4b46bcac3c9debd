namespace Eigenpal.Retention;

/// <summary>What a purge freed (or would free, or kept) for one workflow and submission state.</summary>
/// <param name="Workflow">The workflow.</param>
/// <param name="State">The submissions' state (stored name).</param>
/// <param name="Submissions">How many submissions.</param>
/// <param name="Files">How many of their files.</param>
/// <param name="Bytes">The files' recorded size in bytes.</param>
public sealed record PurgeGroup(string Workflow, string State, long Submissions, long Files, long Bytes);
