using Npgsql;

namespace Eigenpal.Bench;

/// <summary>The benchmark's database and the queries it measures with.</summary>
internal static class BenchDatabase
{
    public static async Task<string> CreateAsync(string adminConnectionString)
    {
        var name = "eigenpal_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task WaitForHangfireServersAsync(NpgsqlDataSource dataSource, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var command = dataSource.CreateCommand("""SELECT count(*) FROM hangfire.server WHERE (data::jsonb -> 'Queues') @> '["poll"]'""");
                if ((long)(await command.ExecuteScalarAsync())! >= count)
                {
                    return;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Hangfire has not created its schema yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the worker processes did not start");
    }

    public static async Task WaitAsync(NpgsqlDataSource dataSource, string countSql, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var command = dataSource.CreateCommand(countSql);
            if ((long)(await command.ExecuteScalarAsync())! >= expected)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"timed out waiting for {expected}: {countSql}");
    }

    public static async Task<(double P50, double P95, double Max)> SendLatencyPercentilesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            WITH latency AS (
                SELECT EXTRACT(EPOCH FROM c.changed_at - s.created_at) AS seconds
                FROM eigenpal.status_changes c
                JOIN eigenpal.executions e ON e.id = c.execution_id
                JOIN eigenpal.submissions s ON s.id = e.submission_id
                WHERE c.from_status = 'sending')
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY seconds),
                   max(seconds)::float8
            FROM latency
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2));
    }

    /// <summary>What the SDK's run_and_wait would have cost: one get straight away, then one every 2 s until terminal.</summary>
    public static async Task<double> NaivePollCallsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sum(1 + ceil(EXTRACT(EPOCH FROM completed_at - remote_created_at) / 2.0))::float8
            FROM eigenpal.executions WHERE remote_id IS NOT NULL AND completed_at IS NOT NULL AND remote_created_at IS NOT NULL
            """);
        return (double)((await command.ExecuteScalarAsync()) as double? ?? 0);
    }
}
