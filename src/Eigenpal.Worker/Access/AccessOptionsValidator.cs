using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Checks <c>Eigenpal:Access</c> when the worker starts, all problems together, each naming its entry
/// (<c>Eigenpal:Access:Users:0 (ana): …</c>) so a typo stops the start instead of locking someone out
/// later. No message carries a hash: the host prints validation failures.
/// </summary>
internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    /// <summary>ASP.NET Core Identity's v3 format marker, and the fewest PBKDF2 iterations accepted.</summary>
    private const byte V3Marker = 0x01;
    private const int MinIterations = 10_000;

    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var entry = $"{AccessOptions.Section}:Users:{i} ({(string.IsNullOrWhiteSpace(user.Name) ? "no name" : user.Name)})";
            CheckName(failures, names, entry, user.Name);
            CheckRole(failures, entry, user.Role);
            if (PasswordHashProblem(user.PasswordHash) is { } problem)
            {
                failures.Add($"{entry}: PasswordHash {problem}; make one with 'eigenpal access hash-password'.");
            }
        }

        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            var entry = $"{AccessOptions.Section}:Tokens:{i} ({(string.IsNullOrWhiteSpace(token.Name) ? "no name" : token.Name)})";
            CheckName(failures, names, entry, token.Name);
            CheckRole(failures, entry, token.Role);
            if (!TokenHash.IsHex(token.Sha256))
            {
                failures.Add($"{entry}: Sha256 must be the token's SHA-256 as 64 hex digits; make one with 'eigenpal access new-token'.");
            }
            else if (!hashes.Add(token.Sha256))
            {
                failures.Add($"{entry}: Sha256 is the same as another token's; give each holder a token of its own.");
            }
        }

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{AccessOptions.Section}:KnownProxies:{i} ('{options.KnownProxies[i]}') is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{AccessOptions.Section}:KnownNetworks:{i} ('{options.KnownNetworks[i]}') is not a network in CIDR notation such as 10.0.0.0/8.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Realm) || options.Realm.Contains('"', StringComparison.Ordinal))
        {
            failures.Add($"{AccessOptions.Section}:Realm must be a non-empty text without quotes (default '{AccessOptions.DefaultRealm}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckName(List<string> failures, HashSet<string> names, string entry, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains(':', StringComparison.Ordinal) || name.Trim() != name)
        {
            failures.Add($"{entry}: Name must be a non-empty name without ':' or surrounding spaces.");
        }
        else if (!names.Add(name))
        {
            failures.Add($"{entry}: Name is used by another user or token; names must be unique so every request names one holder.");
        }
    }

    private static void CheckRole(List<string> failures, string entry, string role)
    {
        if (!AccessRoles.IsKnown(role))
        {
            failures.Add($"{entry}: Role '{role}' is not one of {string.Join(", ", AccessRoles.All)}.");
        }
    }

    /// <summary>Why <paramref name="hash"/> is not a v3 Identity hash (marker, PRF, iterations, salt, subkey), or null.</summary>
    private static string? PasswordHashProblem(string hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return "is missing";
        }

        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash.Trim(), bytes, out var length))
        {
            return "is not base64";
        }

        var raw = bytes.AsSpan(0, length);
        if (raw.Length < 13 || raw[0] != V3Marker)
        {
            return "is not in ASP.NET Core Identity's v3 format (older v2 hashes are too weak to accept)";
        }

        var prf = BinaryPrimitives.ReadUInt32BigEndian(raw[1..]);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(raw[5..]);
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(raw[9..]);
        if (prf > 2 || saltLength < 16 || 13 + (long)saltLength + 16 > raw.Length)
        {
            return "is damaged (its salt or key does not fit)";
        }

        return iterations < MinIterations ? $"uses {iterations} iterations, fewer than {MinIterations}" : null;
    }
}
