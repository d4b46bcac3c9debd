namespace Eigenpal.Retention;

/// <summary>How far a purge has got, reported after each batch.</summary>
/// <param name="Scanned">Submissions with stored bytes older than the cutoff looked at so far.</param>
/// <param name="Submissions">Submissions whose files were purged (or would be, in a dry run) so far.</param>
/// <param name="Files">Their files.</param>
/// <param name="Bytes">The bytes freed (or that would be).</param>
public readonly record struct PurgeProgress(long Scanned, long Submissions, long Files, long Bytes);
