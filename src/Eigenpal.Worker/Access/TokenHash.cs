using System.Security.Cryptography;
using System.Text;

namespace Eigenpal.Worker.Access;

/// <summary>
/// The one way a bearer token is made and hashed, shared by <c>eigenpal access new-token</c> and the
/// bearer handler, so what the command prints is what the worker compares.
/// </summary>
public static class TokenHash
{
    /// <summary>Every token starts with this, so secret scanners and people recognise one.</summary>
    public const string Prefix = "ept_";

    /// <summary>A new random token: <see cref="Prefix"/> and 32 random bytes, base64url.</summary>
    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of the token's UTF-8 bytes.</summary>
    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The SHA-256 of the token as 64 lower-case hex digits, as configured in <c>Eigenpal:Access:Tokens</c>.</summary>
    public static string HexOf(string token) => Convert.ToHexStringLower(Of(token));

    /// <summary>True when <paramref name="value"/> is 64 hex digits.</summary>
    public static bool IsHex(string? value) => value is { Length: 64 } && value.All(Uri.IsHexDigit);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
