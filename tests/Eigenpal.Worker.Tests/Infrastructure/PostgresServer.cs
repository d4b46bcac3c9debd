using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the tests run against: the local server started by scripts/test.sh
/// (EIGENPAL_TEST_POSTGRES), or a Testcontainers container when a Docker engine answers.
/// Every test class gets a database of its own, so tests never see each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PostgreSqlContainer? _container;
    private string _adminConnectionString = "";

    public async Task InitializeAsync()
    {
        var fromScript = Environment.GetEnvironmentVariable("EIGENPAL_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(fromScript))
        {
            _adminConnectionString = fromScript;
            return;
        }

        try
        {
            _container = new PostgreSqlBuilder("postgres:15").Build();
            await _container.StartAsync();
            _adminConnectionString = _container.GetConnectionString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                "No PostgreSQL for the tests: run them with scripts/test.sh (which starts a local server), " +
                "set EIGENPAL_TEST_POSTGRES to a server's connection string, or start a Docker engine.", ex);
        }
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "eigenpal_test_" + Guid.NewGuid().ToString("N")[..12];
        // Unpooled: a pooled admin connection would be dead after a test restarted the server.
        var admin = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Room for a worker with the default concurrency (62 connections, see ConnectionBudget), below Npgsql's 100
        // so that the several worker processes of a test stay well within the server's max_connections.
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, MaxPoolSize = 70 }.ConnectionString;
    }

    /// <summary>Restarts the server (fast shutdown: every connection is cut), as an operator or a crash would.</summary>
    public async Task RestartAsync()
    {
        if (_container is not null)
        {
            throw new NotSupportedException("Restarting a Testcontainers server changes its port; this test needs the script's local server.");
        }

        var data = Environment.GetEnvironmentVariable("EIGENPAL_TEST_PGDATA")
            ?? throw new InvalidOperationException("EIGENPAL_TEST_PGDATA is not set: run the tests with scripts/test.sh.");
        using var process = Process.Start(new ProcessStartInfo("bash", [RepositoryRoot.Path("scripts/pg.sh"), "restart", data])
        {
            RedirectStandardError = true,
        })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("pg.sh restart failed: " + await process.StandardError.ReadToEndAsync());
        }
    }

    /// <summary>Stops the server (fast shutdown) until <see cref="StartAsync"/>: for tests of what a worker does meanwhile.</summary>
    public Task StopAsync() => PgScriptAsync("stop", DataDirectory());

    /// <summary>Starts the server stopped by <see cref="StopAsync"/> again, on the same port with the test script's settings.</summary>
    public Task StartAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(_adminConnectionString).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return PgScriptAsync("start", DataDirectory(), port);
    }

    private string DataDirectory() => _container is null
        ? Environment.GetEnvironmentVariable("EIGENPAL_TEST_PGDATA") ?? throw new InvalidOperationException("EIGENPAL_TEST_PGDATA is not set: run the tests with scripts/test.sh.")
        : throw new NotSupportedException("Stopping a Testcontainers server changes its port on start; this test needs the script's local server.");

    private static async Task PgScriptAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash", [RepositoryRoot.Path("scripts/pg.sh"), .. args]) { RedirectStandardError = true, RedirectStandardOutput = true };
        // The same durability shortcuts as scripts/test.sh: throwaway data.
        info.Environment["PG_EXTRA_OPTS"] = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg.sh {args[0]} failed: " + await error);
        }
    }

    /// <summary>True when <see cref="RestartAsync"/> is possible here.</summary>
    public bool CanRestart => _container is null && Environment.GetEnvironmentVariable("EIGENPAL_TEST_PGDATA") is not null;
}
