using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Verifies a basic user name and password against <c>Eigenpal:Access:Users</c> with Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, compared in fixed time).
/// </summary>
/// <remarks>
/// An unknown name is verified against a hash of a random password, so it costs the same as a wrong
/// password and the answer (and its timing) does not tell which names exist. A browser resends basic
/// credentials with every request and the Hangfire dashboard polls every few seconds: a verified pair is
/// remembered for <see cref="RememberFor"/> (as a SHA-256 of name, password and hash, never the password) so
/// each request does not cost a PBKDF2. Only successes are remembered; a changed hash misses the cache.
/// </remarks>
internal sealed class PasswordCheck
{
    /// <summary>How long a verified name and password are accepted without running PBKDF2 again.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private const int MaxRemembered = 1024;

    private readonly PasswordHasher<AccessUserOptions> _hasher = new();
    private readonly Dictionary<string, AccessUserOptions> _users;
    private readonly AccessUserOptions _nobody = new() { Name = "" };
    private readonly string _nobodyHash;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public PasswordCheck(IOptions<AccessOptions> options, TimeProvider time)
    {
        _time = time;
        _users = options.Value.Users.ToDictionary(u => u.Name, StringComparer.Ordinal);
        _nobodyHash = _hasher.HashPassword(_nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    /// <summary>The user when <paramref name="password"/> is theirs; null for a wrong password and an unknown name alike.</summary>
    public AccessUserOptions? Verify(string name, string password)
    {
        var known = _users.TryGetValue(name, out var user);
        var hash = known && user is not null ? user.PasswordHash.Trim() : _nobodyHash;
        var key = CacheKey(name, password, hash);
        var now = _time.GetUtcNow();
        if (known && _verified.TryGetValue(key, out var until) && until > now)
        {
            return user;
        }

        var result = _hasher.VerifyHashedPassword(user ?? _nobody, hash, password);
        if (!known || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (_verified.Count >= MaxRemembered)
        {
            _verified.Clear();
        }

        _verified[key] = now + RememberFor;
        return user;
    }

    private static string CacheKey(string name, string password, string hash) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{password}\n{hash}")));
}
