namespace Eigenpal.Worker.Access;

/// <summary>
/// One bearer token for scripts and monitoring (an entry of <c>Eigenpal:Access:Tokens</c>). Only the
/// token's SHA-256 is configured, so a leaked configuration file grants nothing:
/// <c>eigenpal access new-token</c> makes a token and prints this entry.
/// </summary>
public sealed class AccessTokenOptions
{
    /// <summary>Who or what holds the token (shown as the requester, e.g. in audit records).</summary>
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 of the token's UTF-8 bytes, as 64 hex digits.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary><c>viewer</c> or <c>operator</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Never prints the hash.</summary>
    public override string ToString() => $"{Name} ({Role})";
}
