using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>A webhook endpoint on a free port that records every delivery and answers what the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>The status the next deliveries get; 204 unless changed.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 204;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var delivery = new Delivery(
                context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(),
                context.Request.ContentType,
                body);
            receiver!.Deliveries.Enqueue(delivery);
            return Results.StatusCode(receiver.StatusFor(receiver.Deliveries.Count));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address + "/hooks");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public sealed record Delivery(string Id, string Timestamp, string Signature, string? ContentType, string Body)
    {
        public JsonObject Event => JsonNode.Parse(Body)!.AsObject();

        public string Type => Event["type"]!.GetValue<string>();

        public string RunId => Event["data"]!["run"]!["id"]!.GetValue<string>();
    }
}
