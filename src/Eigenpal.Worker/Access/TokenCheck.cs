using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Recognises a bearer token by its SHA-256 among <c>Eigenpal:Access:Tokens</c>. Every configured hash is
/// compared, each in fixed time, so neither the answer's timing nor its position tells anything about
/// the configured tokens; the token itself is never kept.
/// </summary>
internal sealed class TokenCheck(IOptions<AccessOptions> options)
{
    private readonly (AccessTokenOptions Token, byte[] Hash)[] _tokens =
        options.Value.Tokens.Select(t => (t, Convert.FromHexString(t.Sha256))).ToArray();

    /// <summary>The token's entry, or null when no configured hash matches.</summary>
    public AccessTokenOptions? Verify(string token)
    {
        var hash = TokenHash.Of(token);
        AccessTokenOptions? match = null;
        foreach (var (entry, configured) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, configured))
            {
                match = entry;
            }
        }

        return match;
    }
}
