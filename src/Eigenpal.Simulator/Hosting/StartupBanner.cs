using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Workflows;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Hosting;

/// <summary>Logs where the simulator listens and how it is configured, once the server is up.</summary>
internal sealed class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    WorkflowCatalog catalog,
    IOptions<SimulatorOptions> options,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var o = options.Value;
            Log.Started(logger, string.Join(", ", addresses), catalog.All.Count, o.TimeScale, o.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "random");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
