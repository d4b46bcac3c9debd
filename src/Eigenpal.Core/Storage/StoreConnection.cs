using Npgsql;

namespace Eigenpal.Storage;

/// <summary>Helpers to talk about a connection string without leaking its secrets.</summary>
public static class StoreConnection
{
    /// <summary>host:port/database as a human-readable target, never the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "(invalid connection string)";
        }
    }
}
