using Npgsql;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// Whether any worker is alive: a Hangfire server serving the poll queue (one per worker process; each
/// process also runs a submit server) that sent a heartbeat in the last minute.
/// </summary>
internal static class WorkerLiveness
{
    /// <summary>Live workers, or null when the Hangfire schema does not exist (no worker ever ran on this database).</summary>
    public static async Task<long?> CountLiveWorkersAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using (var exists = dataSource.CreateCommand("SELECT to_regclass('hangfire.server') IS NOT NULL"))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct) ?? false))
            {
                return null;
            }
        }

        await using var count = dataSource.CreateCommand("""
            SELECT count(*) FROM hangfire.server
            WHERE lastheartbeat > now() - interval '1 minute' AND (data::jsonb -> 'Queues') @> '["poll"]'
            """);
        return (long)(await count.ExecuteScalarAsync(ct) ?? 0L);
    }
}
