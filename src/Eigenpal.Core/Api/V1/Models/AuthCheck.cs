namespace Eigenpal.Api.V1;

/// <summary>What the API key is (<c>GET {prefix}/auth/check</c>): its tenant, id and scopes.</summary>
/// <param name="Ok">Always <see langword="true"/> on success.</param>
/// <param name="TenantId">The tenant the key belongs to.</param>
/// <param name="TenantSlug">The tenant's slug.</param>
/// <param name="KeyId">The key's id (not the key).</param>
/// <param name="Scope">The scopes granted to the key.</param>
/// <param name="WildcardGranted">Whether the key holds every scope.</param>
/// <param name="TenantName">The tenant's name.</param>
/// <param name="UserId">The user the key acts for.</param>
/// <param name="Email">That user's email.</param>
/// <param name="Name">That user's name.</param>
public sealed record AuthCheck(
    bool Ok,
    string TenantId,
    string? TenantSlug,
    string KeyId,
    IReadOnlyList<string> Scope,
    bool WildcardGranted = false,
    string? TenantName = null,
    string? UserId = null,
    string? Email = null,
    string? Name = null);
