using Eigenpal.Retention;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Retention;

/// <summary>
/// The purge statement re-checks, in SQL and under a share lock, the state, attempt and change time each submission
/// was judged on: one that a reprocess run reopened after it was selected keeps its bytes, whether the reopening
/// committed before the statement or was still in flight when it ran.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PurgeGuardTests(PostgresServer postgres) : RetentionTestBase(postgres)
{
    [Fact]
    public async Task A_submission_reopened_after_selection_keeps_its_bytes()
    {
        var id = await Seed.SeedAsync("failed", TimeSpan.FromDays(40), attempts: 3, retryable: true);
        var selected = await SelectAsync();

        await ReopenAsync(id);
        var purged = await PurgeAsync(selected);

        Assert.Empty(purged);
        Assert.True(await StoreSnapshot.StoredAsync(Db, id));
    }

    [Fact]
    public async Task A_reopening_in_flight_makes_the_purge_wait_and_then_keep_the_bytes()
    {
        var id = await Seed.SeedAsync("completed", TimeSpan.FromDays(40));
        var selected = await SelectAsync();
        await using var reopening = await Db.DataSource.OpenConnectionAsync();
        await using var transaction = await reopening.BeginTransactionAsync();
        await using (var reopen = new Npgsql.NpgsqlCommand(ReopenSql, reopening, transaction))
        {
            reopen.Parameters.AddWithValue("id", id);
            await reopen.ExecuteNonQueryAsync();
        }

        var purge = PurgeAsync(selected);
        // The share lock waits for the reopening's row lock; it cannot finish while the reopening is open.
        await Eventually.WaitAsync(
            () => Db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"), waiting => waiting > 0, TimeSpan.FromSeconds(10),
            "the purge to wait for the reopening's lock");
        Assert.False(purge.IsCompleted);
        await transaction.CommitAsync();

        Assert.Empty(await purge);
        Assert.True(await StoreSnapshot.StoredAsync(Db, id));
    }

    [Fact]
    public async Task An_unchanged_submission_is_purged_by_the_same_statement()
    {
        var id = await Seed.SeedAsync("completed", TimeSpan.FromDays(40));
        var size = await Db.ScalarAsync<long>($"SELECT size_bytes FROM eigenpal.submission_files WHERE submission_id = '{id}'");

        var purged = await PurgeAsync(await SelectAsync());

        Assert.Equal([(id, size)], purged);
        Assert.True(await StoreSnapshot.PurgedAsync(Db, id));
    }

    // What a reprocess run's reopening does to the row: pending again, a change time of now.
    private const string ReopenSql = "UPDATE eigenpal.submissions SET state = 'pending', not_before = now(), updated_at = now() WHERE id = @id";

    private async Task ReopenAsync(Guid id)
    {
        await using var command = Db.DataSource.CreateCommand(ReopenSql);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<IReadOnlyList<PurgeCandidate>> SelectAsync()
    {
        await using var connection = await Db.DataSource.OpenConnectionAsync();
        var selected = await InputPurgeStore.NextCandidatesAsync(connection, DateTime.UtcNow.AddDays(-30), Guid.Empty, 100, CancellationToken.None);
        Assert.Single(selected);
        return selected;
    }

    private async Task<IReadOnlyList<(Guid SubmissionId, long Bytes)>> PurgeAsync(IReadOnlyList<PurgeCandidate> selected)
    {
        await using var connection = await Db.DataSource.OpenConnectionAsync();
        return await InputPurgeStore.PurgeGuardedAsync(connection, selected, CancellationToken.None);
    }
}
