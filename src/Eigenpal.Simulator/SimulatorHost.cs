using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Hosting;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator;

/// <summary>
/// A simulator running inside the current process on a real Kestrel port, for tests, benchmarks
/// and the demo. Start it with <see cref="StartAsync(Action{SimulatorOptions}?, string, CancellationToken)"/>,
/// point an HTTP client at <see cref="BaseUrl"/> with <see cref="ApiKey"/>, and dispose it to stop.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SimulatorControl control;

    private SimulatorHost(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
        control = app.Services.GetRequiredService<SimulatorControl>();
        Options = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        ApiKey = Options.EffectiveApiKeys[0];
    }

    /// <summary>The root URL the server is bound to (the real port when started on port 0), without <c>/api</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The first configured API key, ready for <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The validated options in force.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The host's services, for in-process inspection.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>Starts a simulator with the real clock.</summary>
    /// <param name="configure">Changes to the options after configuration binding (seed, time scale, workflows, faults, modes).</param>
    /// <param name="url">Where to listen; port 0 picks a free port.</param>
    /// <param name="ct">Cancels the start.</param>
    public static Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, string url = "http://127.0.0.1:0", CancellationToken ct = default) =>
        StartAsync(configure, TimeProvider.System, url, ct);

    /// <summary>
    /// Starts a simulator whose timelines, waits and rate limits follow <paramref name="timeProvider"/>,
    /// e.g. a fake clock that a test advances by hand.
    /// </summary>
    public static async Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure, TimeProvider timeProvider, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(timeProvider);
        builder.AddSimulator(configure);

        var app = builder.Build();
        app.MapEigenpalApi();
        app.MapEigenpalV1Api();
        app.MapSimulatorAdmin();
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The simulator started without a bound address.");
        return new SimulatorHost(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>What the simulator has seen since it started or was last reset.</summary>
    public CountersSnapshot GetCounters() => control.Counters();

    /// <summary>The last requests that arrived while a Retry-After was in force (see <c>RequestsBeforeRetryAfter</c>), to say which in a failure.</summary>
    public IReadOnlyList<Faults.EarlyRequest> EarlyRequests() => control.EarlyRequests();

    /// <summary>The faults in force.</summary>
    public FaultOptions Faults => control.Faults;

    /// <summary>Replaces the faults in force, as <c>PUT /_sim/faults</c> does.</summary>
    /// <exception cref="ArgumentException">The faults are invalid; the message lists every problem.</exception>
    public void SetFaults(FaultOptions faults)
    {
        var errors = control.SetFaults(faults);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(faults));
        }
    }

    /// <summary>
    /// A copy of the modes in force: change it and pass it to <see cref="SetModes(ModeOptions)"/>
    /// (changing the copy alone changes nothing).
    /// </summary>
    public ModeOptions Modes => control.Modes;

    /// <summary>Replaces all modes, as <c>PUT /_sim/modes</c> does.</summary>
    /// <exception cref="ArgumentException">The modes are invalid; the message lists every problem.</exception>
    public void SetModes(ModeOptions modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        var errors = control.SetModes(modes);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(modes));
        }
    }

    /// <summary>Clears executions and counters, as <c>POST /_sim/reset</c> does.</summary>
    public void Reset() => control.Reset();

    /// <summary>Stops the server and releases its port.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
