namespace Eigenpal.Simulator.V1.Files;

/// <summary>A reusable file of the v1 files API, bytes included (runs that reference it share them).</summary>
internal sealed record StoredFile(string Id, string FileName, string ContentType, byte[] Content, string Sha256, DateTimeOffset CreatedAt, string? Purpose);
