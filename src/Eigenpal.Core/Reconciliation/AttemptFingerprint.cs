using System.Text.Json.Nodes;
using Eigenpal.Api;

namespace Eigenpal.Reconciliation;

/// <summary>What an attempt sent, as far as an echo can show it: its scalar inputs and, per file input, its names, size and hash.</summary>
/// <param name="Scalars">The non-file inputs as sent.</param>
/// <param name="Files">The file inputs as sent.</param>
public sealed record AttemptFingerprint(JsonObject Scalars, IReadOnlyList<SentFile> Files);

/// <summary>One file input as it was put on the wire.</summary>
/// <param name="InputName">The form part's name (the workflow input).</param>
/// <param name="FileName">The file's name as the user gave it.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
public sealed record SentFile(string InputName, string FileName, long SizeBytes, string Sha256)
{
    /// <summary>The names a server may echo: the given one, and the ASCII fallback the client put in <c>filename=</c> beside <c>filename*=</c>.</summary>
    public IReadOnlyList<string> WireNames { get; } = RunFile.WireNames(FileName);
}
