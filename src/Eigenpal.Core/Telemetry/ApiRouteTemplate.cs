using System.Net.Http.Metrics;

namespace Eigenpal.Telemetry;

/// <summary>
/// Adds <c>url.template</c> (<c>GET /api/v1/workflows/{id}/executions</c> style) to .NET's standard
/// <c>http.client.request.duration</c> of every API call, so calls can be told apart by endpoint without
/// the unbounded, possibly sensitive, full path: every segment that is not one of the API's own words
/// (a workflow, run, file or upload id) becomes <c>{id}</c>.
/// </summary>
public static class ApiRouteTemplate
{
    /// <summary>The tag name, as in OpenTelemetry's HTTP semantic conventions.</summary>
    public const string TagName = "url.template";

    private static readonly HashSet<string> RouteWords = new(StringComparer.Ordinal)
    {
        "api", "v1", "workflows", "executions", "cancel", "runs", "rerun", "files", "uploads", "complete",
        "auth", "check", "automations", "versions", "run",
    };

    /// <summary>Registers the enrichment on <paramref name="message"/> (a no-op cost when no one listens to the meter).</summary>
    public static void Enrich(HttpRequestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        HttpMetricsEnrichmentContext.AddCallback(message, static context =>
        {
            if (context.Request.RequestUri is { } uri)
            {
                context.AddCustomTag(TagName, Of(uri.AbsolutePath));
            }
        });
    }

    /// <summary>The template of <paramref name="path"/>: its API words kept, every other segment <c>{id}</c>.</summary>
    public static string Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', segments.Select(s => RouteWords.Contains(s) ? s : "{id}"));
    }
}
