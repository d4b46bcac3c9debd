using Eigenpal.Storage;
using Eigenpal.Worker.Hosting;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Eigenpal.Worker.Observability.Readiness;

/// <summary>
/// Readiness: both Hangfire servers of THIS process (submit and poll) are registered in Hangfire's storage
/// with a heartbeat in the last <see cref="MaxHeartbeatAge"/>. Another worker's heartbeat says nothing of
/// this one, so servers are matched by this process's name: Hangfire names a server
/// <c>{ServerName}:{process id}:{guid}</c> (lower-cased), and a server it restarted (after the storage lost it)
/// gets a new guid.
/// </summary>
internal sealed class HangfireServerHealthCheck(JobStorage storage, WorkerIdentity identity, TimeProvider time) : IHealthCheck
{
    /// <summary>Two of Hangfire's default 30 s heartbeat intervals: one missed beat is not yet a dead server.</summary>
    public static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromMinutes(1);

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IList<Hangfire.Storage.Monitoring.ServerDto> servers;
        try
        {
            servers = storage.GetMonitoringApi().Servers();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's storage could not be read"));
        }

        var now = time.GetUtcNow().UtcDateTime;
        string[] expected = [identity.Name, identity.Name + WorkerServiceCollectionExtensions.PollServerSuffix];
        var silent = expected.Where(name => !servers.Any(s => IsServerOf(s.Name, name) && s.Heartbeat is { } beat && now - beat < MaxHeartbeatAge)).ToList();
        return Task.FromResult(silent.Count == 0
            ? HealthCheckResult.Healthy("this process's submit and poll servers are heartbeating")
            : HealthCheckResult.Unhealthy($"no recent heartbeat from this process's server {string.Join(", ", silent)}"));
    }

    /// <summary>
    /// Whether the server id <paramref name="serverId"/> is <paramref name="serverName"/> followed by what Hangfire
    /// appends: the process id (on every platform but the oldest) and a guid. <c>host:1:poll:1:guid</c> is not <c>host:1</c>'s.
    /// </summary>
    internal static bool IsServerOf(string serverId, string serverName)
    {
        var prefix = serverName + ":";
        if (!serverId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = serverId.AsSpan(prefix.Length);
        var lastColon = rest.LastIndexOf(':');
        var processId = lastColon < 0 ? [] : rest[..lastColon];
        return Guid.TryParse(rest[(lastColon + 1)..], out _) && !processId.ContainsAnyExcept(Digits);
    }
}
