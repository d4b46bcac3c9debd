using Eigenpal.Api;

namespace Eigenpal.Surfaces;

/// <summary>
/// Asks the configured service which surface answers the configured key, the current one first:
/// <c>GET {prefix}/auth/check</c> under the configured v1 prefix and then the other one (the newest
/// SDK uses <c>/v1</c> on api.eigenpal.com, the service's OpenAPI document <c>/api/v1</c> on its
/// studio host), then the legacy <c>GET /api/v1/workflows?limit=1</c>. Neither can be assumed: the
/// OpenAPI document lists no legacy route any more, and older instances have no v1 routes.
/// </summary>
internal sealed class SurfaceProbe(EigenpalClient client)
{
    private static readonly string[] V1Prefixes = ["/v1", "/api/v1"];

    public async Task<SurfaceChoice> ProbeAsync(CancellationToken ct)
    {
        var tried = new List<string>();
        // When nothing answered at all (down, 5xx), the last such failure is kept: the caller may ask again later.
        EigenpalException? unreachable = null;
        var answered = false;
        foreach (var prefix in V1Prefixes.OrderBy(p => p == client.V1Prefix ? 0 : 1))
        {
            try
            {
                var check = await client.WithV1Prefix(prefix).Auth.CheckAsync(ct);
                return new SurfaceChoice(ApiSurface.V1, prefix, $"auto: GET {prefix}/auth/check answered for tenant {check.TenantSlug ?? check.TenantId}");
            }
            catch (EigenpalException ex) when (ex is not EigenpalConfigurationException)
            {
                tried.Add($"GET {prefix}/auth/check → {Describe(ex)}");
                Note(ex);
            }
        }

        try
        {
            await client.Workflows.ListAsync(new WorkflowListQuery { Limit = 1 }, ct);
            return new SurfaceChoice(ApiSurface.Legacy, client.V1Prefix, $"auto: no v1 route answered ({string.Join("; ", tried)}), GET /api/v1/workflows did");
        }
        catch (EigenpalException ex) when (ex is not EigenpalConfigurationException)
        {
            tried.Add($"GET /api/v1/workflows?limit=1 → {Describe(ex)}");
            Note(ex);
        }

        throw new EigenpalConfigurationException(
            $"Eigenpal:Api=auto: no Eigenpal API surface answered at {client.BaseUrl} with the configured key. Tried: {string.Join("; ", tried)}. " +
            "Check Eigenpal:BaseUrl (the instance root, without /api or /v1) and Eigenpal:ApiKey, or set Eigenpal:Api to legacy or v1.",
            answered ? null : unreachable);

        void Note(EigenpalException ex)
        {
            if (ex is EigenpalTransportException or EigenpalServerException or EigenpalRateLimitException || ex.StatusCode == 0)
            {
                unreachable = ex;
            }
            else
            {
                answered = true;
            }
        }
    }

    /// <summary>Whether a probe failure only says that the service could not be reached (worth asking again).</summary>
    public static bool IsUnreachable(EigenpalConfigurationException ex) => ex.InnerException is EigenpalException;

    private static string Describe(EigenpalException ex) => ex switch
    {
        EigenpalAuthenticationException => "401, the key was refused",
        EigenpalForbiddenException => "403, the key may not do this",
        EigenpalNotFoundException => "404, no such route",
        { StatusCode: 0 } => "no answer: " + ex.Message,
        _ => $"{ex.StatusCode}: {ex.Message}",
    };
}
