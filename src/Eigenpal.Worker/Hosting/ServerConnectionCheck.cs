using Eigenpal.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// At start, once the database is reachable (after the migrations), compares what this process may
/// hold (<see cref="ConnectionBudget"/>) with what the PostgreSQL server can give: start fails when the
/// server could never give it, and a warning with the numbers is logged when it cannot right now
/// because other workers and clients hold connections.
/// </summary>
internal sealed partial class ServerConnectionCheck(
    NpgsqlDataSource dataSource, IOptions<WorkerOptions> options, IOptions<EigenpalStoreOptions> store, ILogger<ServerConnectionCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ServerConnectionLimits limits;
        try
        {
            limits = await ServerConnectionLimits.ReadAsync(dataSource, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // Only advice is lost: whatever made the read fail will show where the worker really uses the database.
            LogCheckFailed(logger, ex.Message);
            return;
        }

        Check(limits, options.Value);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws <see cref="ConnectionBudgetException"/> when the server can never serve <paramref name="worker"/>; warns when it cannot now.</summary>
    internal void Check(ServerConnectionLimits limits, WorkerOptions worker)
    {
        var needed = ConnectionBudget.Needed(worker);
        var server = StoreConnection.Describe(store.Value.ConnectionString);
        if (needed > limits.Usable)
        {
            throw new ConnectionBudgetException(
                $"This worker may hold {ConnectionBudget.Describe(worker)}, but the PostgreSQL server {server} accepts at most " +
                $"{limits.Usable} from ordinary roles ({limits.Describe()}). Raise max_connections on the server " +
                "(postgresql.conf or ALTER SYSTEM SET max_connections, then restart PostgreSQL), or lower " +
                "Eigenpal__Worker__WorkerCount, Eigenpal__Worker__SendConcurrency or Eigenpal__Worker__PollWorkerCount.");
        }

        if (limits.Free < needed)
        {
            LogScarce(logger, server, limits.Free, limits.InUse, limits.Describe(), ConnectionBudget.Describe(worker));
        }
        else
        {
            LogChecked(logger, server, limits.Free, needed);
        }
    }

    [LoggerMessage(EventId = 800, EventName = "ServerConnectionsScarce", Level = LogLevel.Warning,
        Message = "PostgreSQL {Server} has {Free} connections free now ({InUse} in use; {Limits}), fewer than this worker may hold ({Needed}). " +
            "Other workers and clients share the server: when it is full, new connections are refused ('too many clients'). " +
            "Raise max_connections or lower the workers' concurrency.")]
    private static partial void LogScarce(ILogger logger, string server, int free, int inUse, string limits, string needed);

    [LoggerMessage(EventId = 801, EventName = "ServerConnectionsChecked", Level = LogLevel.Debug,
        Message = "PostgreSQL {Server} has {Free} connections free; this worker may hold {Needed}")]
    private static partial void LogChecked(ILogger logger, string server, int free, int needed);

    [LoggerMessage(EventId = 802, EventName = "ServerConnectionsUnknown", Level = LogLevel.Warning,
        Message = "Could not read the PostgreSQL server's connection limits ({Error}); starting without checking them")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
