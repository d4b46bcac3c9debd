using Hangfire.PostgreSql;
using Npgsql;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// Installs or upgrades Hangfire's schema under an advisory lock. Hangfire.PostgreSql can do it
/// by itself, but workers starting together against a fresh database then race to create the
/// same tables and one of them fails; taking turns here makes the installation once-only.
/// </summary>
public static class HangfireSchemaInstaller
{
    // "hangfire" in ASCII, beside the tracking schema migrator's "eigenpal" key.
    private const long LockKey = 0x6861_6e67_6669_7265;

    /// <summary>Installs Hangfire's tables in <see cref="WorkerServiceCollectionExtensions.HangfireSchema"/>.</summary>
    public static async Task InstallAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", LockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            PostgreSqlObjectsInstaller.Install(connection, WorkerServiceCollectionExtensions.HangfireSchema);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", LockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
