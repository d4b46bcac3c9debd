using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Eigenpal.Worker.Observability.Readiness;

/// <summary>
/// The body of <c>/readyz</c>: the overall status and, per check, its name, status and short description
/// (never an exception, a connection string or a key: the endpoint is anonymous, for probes).
/// </summary>
internal static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                // A check that threw is described by what happened, not by its exception's message.
                json.WriteString("description", entry.Exception switch
                {
                    null => entry.Description,
                    OperationCanceledException => "timed out",
                    _ => "check failed",
                });
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).AsTask();
    }
}
