using Eigenpal.Api;
using Eigenpal.Surfaces;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// At start, before any job runs, settles which API surface new runs go on
/// (<c>Eigenpal:Api</c>; in <c>auto</c> the service is asked once and the answer logged). A key or
/// URL that fits no surface stops the start with a message that says what was tried; a service that
/// cannot be reached is asked again a few times first, since the worker may start before it.
/// </summary>
internal sealed partial class ApiSurfaceCheck(RunSurfaces surfaces, TimeProvider time, ILogger<ApiSurfaceCheck> logger) : IHostedService
{
    private const int Tries = 5;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await surfaces.ChooseAsync(cancellationToken);
                return;
            }
            catch (EigenpalConfigurationException ex) when (attempt < Tries && SurfaceProbe.IsUnreachable(ex))
            {
                LogRetry(logger, attempt, Tries, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 810, EventName = "ApiSurfaceProbeRetry", Level = LogLevel.Warning,
        Message = "Asking the Eigenpal API which surface it speaks failed (try {Attempt} of {Tries}): {Error}")]
    private static partial void LogRetry(ILogger logger, int attempt, int tries, string error);
}
