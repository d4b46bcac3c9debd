namespace Eigenpal.Simulator.Engine;

/// <summary>What the API keeps of an uploaded file once the run is created.</summary>
internal sealed record RecordedFile(string FileName, string ContentType, long SizeBytes, string Sha256);
