using System.Security.Cryptography;
using System.Text;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.V1.Contracts;

namespace Eigenpal.Simulator.V1.Auth;

/// <summary>
/// <c>GET /v1/auth/check</c> (§6.5): reached only with a valid key (the key filter runs first).
/// <c>keyId</c> is derived from the key by a hash, so the key itself never appears.
/// </summary>
internal static class AuthCheckEndpoint
{
    public static readonly IReadOnlyList<string> Scope =
        ["runs:read", "runs:write", "files:read", "files:write", "automations:read"];

    public static IResult Check(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var key = header.Length > 7 ? header[7..].Trim() : "";
        var keyId = "key_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        return TypedResults.Json(
            new AuthCheckResponse(true, "tenant_simulator", "simulator", keyId, Scope, false, "Eigenpal Simulator", null, null, null),
            SimulatorJson.Options);
    }
}
