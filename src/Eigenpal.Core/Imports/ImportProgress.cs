namespace Eigenpal.Imports;

/// <summary>How far an import has got: listing first (no total yet), then each listed run decided.</summary>
/// <param name="Listed">Runs the listing returned (matching the status filter); null while it is still listing.</param>
/// <param name="Decided">Runs decided so far (adopted, found already tracked, or skipped).</param>
/// <param name="Imported">Runs adopted so far.</param>
public sealed record ImportProgress(int? Listed, int Decided, int Imported);
