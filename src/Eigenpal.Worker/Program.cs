// Placeholder host: the worker (Hangfire server, relay, poller) lands with the durable-core issue.
var builder = Host.CreateApplicationBuilder(args);
using var host = builder.Build();
await host.RunAsync();
