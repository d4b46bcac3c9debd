using Eigenpal.Simulator.V1.Files;
using Eigenpal.Simulator.V1.Runs;
using Eigenpal.Simulator.V1.Webhooks;

namespace Eigenpal.Simulator.V1;

/// <summary>Registers the services of the v1 surface.</summary>
internal static class V1ServiceCollectionExtensions
{
    public static IServiceCollection AddSimulatorV1(this IServiceCollection services)
    {
        services.AddSingleton<RunRecords>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<RunMapper>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<RunEventWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RunEventWatcher>());
        services.AddSingleton<V1State>();
        return services;
    }
}
