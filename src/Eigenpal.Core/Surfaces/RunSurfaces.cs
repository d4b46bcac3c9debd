using Eigenpal.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eigenpal.Surfaces;

/// <summary>
/// The door to the API for the durable core: the surface new attempts are sent on
/// (<see cref="CurrentAsync"/>), and the one an earlier attempt was sent on (<see cref="For"/>), whose
/// reconciliation, polling and cancel must use that same surface whatever is configured now.
/// </summary>
public sealed class RunSurfaces(
    EigenpalClient client, SurfaceSelection selection, IOptions<ApiSurfaceOptions> options, TimeProvider time, ILogger<RunSurfaces> logger)
{
    private LegacySurface? _legacy;
    private V1Surface? _v1;

    /// <summary>The client the surfaces share (its timeout and clock bound every attempt's window).</summary>
    public EigenpalClient Client => client;

    /// <summary>Which surface new attempts go on (probing the service the first time in <c>auto</c>).</summary>
    public async Task<ApiSurface> ChooseAsync(CancellationToken ct) => (await selection.ResolveAsync(client, ct)).Surface;

    internal async Task<IRunSurface> CurrentAsync(CancellationToken ct) => For(await ChooseAsync(ct));

    internal IRunSurface For(ApiSurface surface) => surface switch
    {
        ApiSurface.Legacy => _legacy ??= new LegacySurface(client, time, logger),
        ApiSurface.V1 => V1,
        _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, null),
    };

    /// <summary>The v1 surface under the prefix the service answered on (or the configured one before a probe).</summary>
    internal V1Surface V1 => _v1 ??= new V1Surface(
        selection.Choice is { } choice && choice.V1Prefix != client.V1Prefix ? client.WithV1Prefix(choice.V1Prefix) : client,
        options.Value, selection, time, logger);
}
