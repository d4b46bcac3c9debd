using Eigenpal.Storage;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Hosting;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Tests.Hosting;

/// <summary>The start-up check of what the PostgreSQL server can give against what one worker process may hold.</summary>
[Collection(PostgresTests.Name)]
public sealed class ServerConnectionCheckTests(PostgresServer postgres)
{
    private static readonly WorkerOptions Defaults = new(); // 10 × 4 + 2 + 20 = 62 connections

    private static (ServerConnectionCheck Check, ListLogger<ServerConnectionCheck> Log) Check(NpgsqlDataSource dataSource, string connectionString)
    {
        var log = new ListLogger<ServerConnectionCheck>();
        var check = new ServerConnectionCheck(
            dataSource, Options.Create(Defaults), Options.Create(new EigenpalStoreOptions { ConnectionString = connectionString }), log);
        return (check, log);
    }

    [Fact]
    public async Task The_limits_are_read_from_the_server_settings_and_count_the_connections_open_now()
    {
        await using var database = await TrackingDatabase.CreateAsync(postgres);
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                held.Add(await database.DataSource.OpenConnectionAsync());
            }

            var limits = await ServerConnectionLimits.ReadAsync(database.DataSource, CancellationToken.None);

            Assert.Equal(await database.ScalarAsync<int>("SELECT current_setting('max_connections')::int"), limits.MaxConnections);
            Assert.Equal(await database.ScalarAsync<int>("SELECT current_setting('superuser_reserved_connections')::int"), limits.SuperuserReserved);
            Assert.True(limits.InUse >= held.Count, $"{limits.InUse} in use while the test holds {held.Count}");
            Assert.Equal(limits.MaxConnections - limits.SuperuserReserved - limits.Reserved, limits.Usable);
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_need_beyond_what_the_server_can_ever_give_fails_naming_the_settings_to_change()
    {
        await using var database = await TrackingDatabase.CreateAsync(postgres);
        var (check, _) = Check(database.DataSource, database.ConnectionString);

        var error = Assert.Throws<ConnectionBudgetException>(() => check.Check(new ServerConnectionLimits(60, 3, 0, 5), Defaults));

        Assert.Contains("62 connections", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_connections 60 − superuser_reserved_connections 3 = 57", error.Message, StringComparison.Ordinal);
        Assert.Contains("Raise max_connections", error.Message, StringComparison.Ordinal);
        Assert.Contains("Eigenpal__Worker__WorkerCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fewer_free_connections_than_needed_right_now_is_a_warning_with_the_numbers_not_a_failure()
    {
        await using var database = await TrackingDatabase.CreateAsync(postgres);
        var (check, log) = Check(database.DataSource, database.ConnectionString);

        check.Check(new ServerConnectionLimits(100, 3, 0, 50), Defaults);
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(800, warning.Event.Id);
        Assert.Contains("has 47 connections free now (50 in use; max_connections 100 − superuser_reserved_connections 3 = 97)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("62 connections", warning.Message, StringComparison.Ordinal);

        check.Check(new ServerConnectionLimits(100, 3, 0, 10), Defaults);
        Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_worker_configured_beyond_the_servers_max_connections_exits_with_code_3_and_says_what_to_change()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        var max = await scenario.Database.ScalarAsync<int>("SELECT current_setting('max_connections')::int");
        // 64 runs in flight per submit thread: enough threads to need more than the server has, and a pool that allows it.
        var workers = (max / 64) + 1;
        scenario.Settings["Eigenpal__Worker__WorkerCount"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        scenario.Settings["Eigenpal__Worker__SendConcurrency"] = "64";
        scenario.Settings["ConnectionStrings__Eigenpal"] = new NpgsqlConnectionStringBuilder(scenario.Database.ConnectionString)
        {
            MaxPoolSize = (workers * 64) + 100,
        }.ConnectionString;

        var worker = scenario.StartWorker();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(worker.ExitCode == ExitCodes.DatabaseUnavailable, $"exit {worker.ExitCode}:\n{worker.Output}");
        Assert.Contains($"max_connections {max}", worker.Output, StringComparison.Ordinal);
        Assert.Contains("Raise max_connections on the server", worker.Output, StringComparison.Ordinal);
        // It stopped before Hangfire started: no server ever registered.
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>(
            "SELECT CASE WHEN to_regclass('hangfire.server') IS NULL THEN 0 ELSE (SELECT count(*) FROM hangfire.server) END"));
    }
}
