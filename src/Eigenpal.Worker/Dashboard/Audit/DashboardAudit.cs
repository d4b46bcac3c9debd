using Npgsql;
using NpgsqlTypes;

namespace Eigenpal.Worker.Dashboard.Audit;

/// <summary>
/// The dashboard's audit trail (<c>eigenpal.dashboard_audit</c>): every action is recorded whatever its
/// outcome, a refusal too, so the trail answers "who tried what" and not only "what changed". Rows are
/// only inserted. Where the door takes a connection, the row is written in the door's transaction.
/// </summary>
public sealed class DashboardAudit(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, at, actor, remote_ip, action, target_kind, target_id, outcome, detail";

    /// <summary>Records an action on its own connection (for doors that commit on theirs); returns the row.</summary>
    public async Task<AuditEntry> RecordAsync(
        AuditActor actor, string action, string targetKind, Guid? targetId, string outcome, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await RecordAsync(connection, actor, action, targetKind, targetId, outcome, detail, cancellationToken);
    }

    /// <summary>Records an action on <paramref name="connection"/>, in its open transaction if there is one.</summary>
    public static async Task<AuditEntry> RecordAsync(
        NpgsqlConnection connection, AuditActor actor, string action, string targetKind, Guid? targetId, string outcome, string? detail, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO eigenpal.dashboard_audit (id, actor, remote_ip, action, target_kind, target_id, outcome, detail)
            VALUES (@id, @actor, @remote_ip, @action, @target_kind, @target_id, @outcome, @detail)
            RETURNING {Columns}
            """, connection);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("actor", actor.Name);
        command.Parameters.Add(new NpgsqlParameter("remote_ip", NpgsqlDbType.Text) { Value = (object?)actor.RemoteIp ?? DBNull.Value });
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("target_kind", targetKind);
        command.Parameters.Add(new NpgsqlParameter("target_id", NpgsqlDbType.Uuid) { Value = (object?)targetId ?? DBNull.Value });
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.Add(new NpgsqlParameter("detail", NpgsqlDbType.Text) { Value = (object?)detail ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    /// <summary>One row, for the outcome page an action redirects to; null when there is none.</summary>
    public async Task<AuditEntry?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM eigenpal.dashboard_audit WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The latest actions on a submission or batch, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForTargetAsync(Guid targetId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM eigenpal.dashboard_audit WHERE target_id = @target ORDER BY at DESC, id DESC LIMIT @limit");
        command.Parameters.AddWithValue("target", targetId);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>The latest actions of one kind (the reprocessing page shows its triggers), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForActionAsync(string action, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM eigenpal.dashboard_audit WHERE action = @action ORDER BY at DESC, id DESC LIMIT @limit");
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    private static AuditEntry Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetFieldValue<DateTimeOffset>(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetGuid(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));
}
