using System.Reflection;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eigenpal.Storage;

/// <summary>
/// Applies the numbered SQL files of <c>migrations/</c> (embedded in this assembly) in order,
/// once each, journaled in <c>eigenpal.schema_versions</c>. Several workers may start at the
/// same time: a session advisory lock makes them take turns, so each script runs exactly once.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // An arbitrary, fixed key: "eigenpal" in ASCII, so that it is recognisable in pg_locks.
    private const long MigrationLockKey = 0x6569_6765_6e70_616c;

    /// <summary>Applies every migration not applied yet and returns the names of those it ran.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // The journal table's schema must exist before DbUp looks for its journal.
            await using (var schema = new NpgsqlCommand("CREATE SCHEMA IF NOT EXISTS eigenpal", lockConnection))
            {
                await schema.ExecuteNonQueryAsync(cancellationToken);
            }

            var upgrader = DeployChanges.To
                .PostgresqlDatabase(dataSource.ConnectionString)
                .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
                .JournalToPostgresqlTable("eigenpal", "schema_versions")
                .WithTransactionPerScript()
                .LogTo(new DbUpLogger(logger))
                .Build();

            var result = await Task.Run(upgrader.PerformUpgrade, cancellationToken);
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error.Message}", result.Error);
            }

            var applied = result.Scripts.Select(s => s.Name).ToList();
            LogMigrated(logger, applied.Count, applied);
            return applied;
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The migrations this build carries that the database's journal does not list (all of them when
    /// there is no journal yet), for readiness: a worker whose schema is behind its code is not ready.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var known = Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        await using var command = dataSource.CreateCommand("SELECT scriptname FROM eigenpal.schema_versions");
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // No journal: nothing was ever applied.
        }

        return known.Where(name => !applied.Contains(name)).ToList();
    }

    private const string ScriptPrefix = "migrations.";

    [LoggerMessage(EventId = 100, EventName = "SchemaMigrated", Level = LogLevel.Information,
        Message = "Tracking schema is up to date ({AppliedCount} migrations applied now: {Applied})")]
    private static partial void LogMigrated(ILogger logger, int appliedCount, IReadOnlyList<string> applied);

    private sealed class DbUpLogger(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) { }
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{DbUpMessage}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{DbUpMessage}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{DbUpMessage}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
