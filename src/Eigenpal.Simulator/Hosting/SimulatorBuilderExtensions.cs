using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Faults;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1;
using Eigenpal.Simulator.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Hosting;

/// <summary>Registers the simulator on a web application builder.</summary>
public static class SimulatorBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="SimulatorOptions"/> from the <c>Simulator</c> section (then applies
    /// <paramref name="configure"/>), validates them at start, and registers the simulator's
    /// services. A <see cref="TimeProvider"/> registered before this call is kept, so tests can
    /// drive the timeline with a fake clock.
    /// </summary>
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder, Action<SimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SimulatorOptions>().Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModeState>();
        services.AddSingleton<ApiClock>();
        services.AddSingleton<LookAlikeMaker>();
        services.AddSingleton<WorkflowCatalog>();
        services.AddSingleton<ExecutionStore>();
        services.AddSingleton<ExecutionFactory>();
        services.AddSingleton<SimulatorCounters>();
        services.AddSingleton<FaultState>();
        services.AddSingleton<RetryAfterWatch>();
        services.AddSingleton<SimulatorControl>();
        services.AddSingleton<RequestCountingFilter>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<FaultFilter>();
        services.AddSingleton<LoopbackOnlyFilter>();
        services.AddTransient<IStartupFilter, RequestIdStartupFilter>();
        services.AddTransient<IStartupFilter, DateHeaderStartupFilter>();
        services.AddHostedService<StartupBanner>();
        services.AddSimulatorV1();

        // Per-request framework logs would dominate benchmark time; the simulator logs what matters itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return builder;
    }
}
