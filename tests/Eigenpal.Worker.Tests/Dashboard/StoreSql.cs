using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>The numbers the dashboard shows, asked of the store directly in plain SQL (the oracle the pages are checked against).</summary>
public static class StoreSql
{
    public static async Task<Dictionary<string, long>> PairsAsync(this TrackingDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        var pairs = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pairs[reader.GetString(0)] = reader.GetInt64(1);
        }

        return pairs;
    }

    /// <summary>Submission ids in the list's order (newest change first, then id descending) for a WHERE clause.</summary>
    public static Task<List<Guid>> ListedIdsAsync(this TrackingDatabase db, string where, int? limit = null) =>
        db.ColumnAsync<Guid>($"SELECT id FROM eigenpal.submissions WHERE {where} ORDER BY updated_at DESC, id DESC{(limit is { } n ? $" LIMIT {n}" : "")}");
}
