namespace Eigenpal.Submissions.Queries;

/// <summary>An input file as recorded, without its bytes: what a page may show of it.</summary>
/// <param name="InputName">The workflow input it fills.</param>
/// <param name="FileName">Its file name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">The SHA-256 of its bytes, hex: it still identifies the file once the bytes are purged.</param>
/// <param name="Purged">True when the retention purged its bytes.</param>
/// <param name="PurgedAt">When they were purged, when recorded.</param>
public sealed record StoredFile(string InputName, string FileName, string ContentType, long SizeBytes, string Sha256, bool Purged, DateTimeOffset? PurgedAt);
