using Npgsql;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// What the PostgreSQL server can give in connections, read from its settings and <c>pg_stat_activity</c>.
/// The reserved slots are left to administrators even when the worker's role could use them, so that
/// someone can still log in to a server the workers have filled.
/// </summary>
/// <param name="MaxConnections"><c>max_connections</c>.</param>
/// <param name="SuperuserReserved"><c>superuser_reserved_connections</c>.</param>
/// <param name="Reserved"><c>reserved_connections</c> (PostgreSQL 16+; 0 before).</param>
/// <param name="InUse">Client connections open now, other than the one that asked.</param>
public sealed record ServerConnectionLimits(int MaxConnections, int SuperuserReserved, int Reserved, int InUse)
{
    /// <summary>The most connections ordinary roles can ever hold together.</summary>
    public int Usable => Math.Max(0, MaxConnections - SuperuserReserved - Reserved);

    /// <summary>The connections ordinary roles can still open now.</summary>
    public int Free => Math.Max(0, Usable - InUse);

    /// <summary>The settings behind <see cref="Usable"/>, for messages.</summary>
    public string Describe() =>
        $"max_connections {MaxConnections} − superuser_reserved_connections {SuperuserReserved}" +
        (Reserved > 0 ? $" − reserved_connections {Reserved}" : "") + $" = {Usable}";

    /// <summary>Reads the server's limits and the client connections open on it now.</summary>
    public static async Task<ServerConnectionLimits> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        // pg_stat_activity lists every session to every role (only some columns are hidden from others).
        await using var command = dataSource.CreateCommand("""
            SELECT current_setting('max_connections')::int,
                   current_setting('superuser_reserved_connections')::int,
                   COALESCE(current_setting('reserved_connections', true), '0')::int,
                   (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())::int
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ServerConnectionLimits(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }
}
