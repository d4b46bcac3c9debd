using Eigenpal.Worker.Cli.Infrastructure;

namespace Eigenpal.Worker.Cli;

/// <summary>Fails fast, with exit code 3, when the store is not configured, unreachable or not migrated.</summary>
internal static class StoreCheck
{
    public static async Task EnsureReachableAsync(CliServices services, CancellationToken ct)
    {
        services.EnsureStoreConfigured();
        await using var command = services.DataSource.CreateCommand("SELECT 1 FROM eigenpal.submissions LIMIT 0");
        await command.ExecuteNonQueryAsync(ct);
    }
}
