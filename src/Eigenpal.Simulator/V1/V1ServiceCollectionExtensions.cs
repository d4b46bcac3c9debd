using Eigenpal.Simulator.V1.Files;
using Eigenpal.Simulator.V1.Runs;

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
        return services;
    }
}
