using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary>A span as OTLP carries it: ids in hex, the parent's span id empty for a root.</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name);

/// <summary>
/// A minimal OTLP/HTTP collector (protobuf bodies on <c>POST /v1/traces</c> and <c>/v1/metrics</c>) in the
/// test process: a small Kestrel app that keeps every body it receives. The bodies are decoded by walking
/// the protobuf wire format (Google.Protobuf's <see cref="CodedInputStream"/>) along the OTLP messages'
/// field numbers, so no generated classes are needed.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        foreach (var path in new[] { "/v1/traces", "/v1/metrics", "/v1/logs" })
        {
            app.MapPost(path, async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver._received.Enqueue((path, body.ToArray()));
                return Results.Bytes([], "application/x-protobuf");
            });
        }

        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Urls.First());
        return receiver;
    }

    public IReadOnlyList<byte[]> Bodies(string path) => _received.Where(r => r.Path == path).Select(r => r.Body).ToList();

    /// <summary>Every span received: ExportTraceServiceRequest.resource_spans(1).scope_spans(2).spans(2).</summary>
    public List<OtlpSpan> Spans() =>
        Bodies("/v1/traces").SelectMany(body =>
            from resource in Fields(body, 1)
            from scope in Fields(resource, 2)
            from span in Fields(scope, 2)
            select ReadSpan(span)).ToList();

    /// <summary>Every metric name received: ExportMetricsServiceRequest.resource_metrics(1).scope_metrics(2).metrics(2).name(1).</summary>
    public HashSet<string> MetricNames() =>
        Bodies("/v1/metrics").SelectMany(body =>
            from resource in Fields(body, 1)
            from scope in Fields(resource, 2)
            from metric in Fields(scope, 2)
            from name in Fields(metric, 1)
            select System.Text.Encoding.UTF8.GetString(name)).ToHashSet(StringComparer.Ordinal);

    private static OtlpSpan ReadSpan(byte[] span)
    {
        // Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5.
        string Hex(int field) => Fields(span, field).Select(Convert.ToHexStringLower).FirstOrDefault() ?? "";
        return new OtlpSpan(Hex(1), Hex(2), Hex(4), Fields(span, 5).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault() ?? "");
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of one message; every other field is skipped.</summary>
    private static List<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
