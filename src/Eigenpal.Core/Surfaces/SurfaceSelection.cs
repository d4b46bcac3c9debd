using System.Collections.Concurrent;
using Eigenpal.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eigenpal.Surfaces;

/// <summary>
/// The process's answer to "which surface do new attempts go on": configured, or — with
/// <c>Eigenpal:Api=auto</c> — asked of the service once (<see cref="SurfaceProbe"/>) and logged.
/// Also holds what is learnt once per process about the v1 automations.
/// </summary>
public sealed partial class SurfaceSelection(IOptions<ApiSurfaceOptions> options, ILogger<SurfaceSelection> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SurfaceChoice? _choice;

    internal ConcurrentDictionary<string, AutomationRef> Automations { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the v1 service was seen to echo start metadata (null: not asked yet in this process).</summary>
    internal bool? MetadataEchoed { get; set; }

    /// <summary>The choice, once made.</summary>
    public SurfaceChoice? Choice => _choice;

    /// <summary>Makes the choice on first use (probing the service in <c>auto</c>), then returns it.</summary>
    /// <exception cref="EigenpalConfigurationException">A bad <c>Eigenpal:Api</c>, or no surface answered; the message says what was tried.</exception>
    public async Task<SurfaceChoice> ResolveAsync(EigenpalClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_choice is { } made)
        {
            return made;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_choice is { } madeMeanwhile)
            {
                return madeMeanwhile;
            }

            var mode = options.Value.Api?.Trim().ToLowerInvariant();
            var choice = mode switch
            {
                "legacy" => new SurfaceChoice(ApiSurface.Legacy, client.V1Prefix, "configured (Eigenpal:Api=legacy)"),
                "v1" => new SurfaceChoice(ApiSurface.V1, client.V1Prefix, "configured (Eigenpal:Api=v1)"),
                "auto" or "" or null => await new SurfaceProbe(client).ProbeAsync(ct),
                _ => throw new EigenpalConfigurationException($"Eigenpal:Api is '{options.Value.Api}'; use auto, legacy or v1."),
            };
            var routes = choice.Surface == ApiSurface.V1 ? choice.V1Prefix : "/api/v1/workflows";
            var name = choice.Surface.Name();
            LogChosen(logger, name, routes, client.BaseUrl, choice.Why);
            _choice = choice;
            return choice;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the gate of the first choice.</summary>
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 120, EventName = "ApiSurfaceChosen", Level = LogLevel.Information,
        Message = "New runs go on the {Surface} surface ({Routes} at {BaseUrl}): {Why}")]
    private static partial void LogChosen(ILogger logger, string surface, string routes, Uri baseUrl, string why);
}

/// <summary>Which surface new attempts are sent on, under which v1 prefix, and why.</summary>
/// <param name="Surface">The surface.</param>
/// <param name="V1Prefix">The v1 route prefix (<c>/v1</c> or <c>/api/v1</c>); used for v1 attempts whichever surface is chosen.</param>
/// <param name="Why">How the choice was made, for the log and <c>eigenpal status</c>.</param>
public sealed record SurfaceChoice(ApiSurface Surface, string V1Prefix, string Why);
