using Npgsql;

namespace Eigenpal.Worker.Relay;

/// <summary>
/// What the relay has yet to hand to Hangfire: submissions waiting for a job whose time has come
/// (<c>relay_at</c> passed). A backlog that grows while the submit queue is full is the table holding back
/// work on purpose (<see cref="Hosting.WorkerOptions.MaxQueuedSubmitJobs"/>); one that grows with an empty
/// queue is a relay that is not running.
/// </summary>
internal static class RelayBacklog
{
    /// <summary>Counts the submissions the relay would claim now if it had room.</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM eigenpal.submissions WHERE state IN ('pending', 'sending') AND relay_at <= now()");
        return (long)(await command.ExecuteScalarAsync(ct) ?? 0L);
    }
}
