using Eigenpal.Storage;
using Eigenpal.Submissions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>A migrated tracking database of a test's own, with the queries tests assert on.</summary>
public sealed class TrackingDatabase : IAsyncDisposable
{
    private TrackingDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
        Intake = new SubmissionIntake(DataSource, TimeProvider.System, NullLogger<SubmissionIntake>.Instance);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public SubmissionIntake Intake { get; }

    public static async Task<TrackingDatabase> CreateAsync(PostgresServer server)
    {
        var database = new TrackingDatabase(await server.CreateDatabaseAsync());
        await new DatabaseMigrator(database.DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return database;
    }

    /// <summary>Migrates (whatever is not applied yet) the database at <paramref name="connectionString"/> and opens it.</summary>
    public static async Task<TrackingDatabase> OpenAsync(string connectionString)
    {
        var database = new TrackingDatabase(connectionString);
        await new DatabaseMigrator(database.DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return database;
    }

    /// <summary>Submissions per state.</summary>
    public async Task<Dictionary<string, long>> CountByStateAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT state, count(*) FROM eigenpal.submissions GROUP BY state");
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>How many submissions have reached a final state.</summary>
    public async Task<long> FinalCountAsync()
    {
        var counts = await CountByStateAsync();
        return counts.Where(c => SubmissionStates.IsFinal(c.Key)).Sum(c => c.Value);
    }

    /// <summary>Rows of every table in our schema and Hangfire's whose text contains <paramref name="text"/>.</summary>
    public async Task<long> RowsContainingAsync(string text)
    {
        var tables = await ColumnAsync<string>(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_schema IN ('eigenpal', 'hangfire') AND table_type = 'BASE TABLE'");
        long rows = 0;
        foreach (var table in tables)
        {
            await using var command = DataSource.CreateCommand($"SELECT count(*) FROM {table} t WHERE t::text LIKE '%' || @text || '%'");
            command.Parameters.AddWithValue("text", text);
            rows += (long)(await command.ExecuteScalarAsync())!;
        }

        return rows;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> ColumnAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public async Task<string> DescribeAsync() => string.Join(", ", (await CountByStateAsync()).Select(c => $"{c.Key}={c.Value}"));

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
