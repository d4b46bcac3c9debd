namespace Eigenpal.Worker.Access;

/// <summary>
/// One user who signs in with HTTP basic (an entry of <c>Eigenpal:Access:Users</c>). Only the password's
/// hash is configured, never the password: <c>eigenpal access hash-password</c> makes it.
/// </summary>
public sealed class AccessUserOptions
{
    /// <summary>The user name typed at the browser's prompt (compared exactly).</summary>
    public string Name { get; set; } = "";

    /// <summary>The password hash in ASP.NET Core Identity's v3 format (PBKDF2; base64).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary><c>viewer</c> or <c>operator</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Never prints the hash.</summary>
    public override string ToString() => $"{Name} ({Role})";
}
