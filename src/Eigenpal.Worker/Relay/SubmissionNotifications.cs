using Npgsql;

namespace Eigenpal.Worker.Relay;

/// <summary>
/// Wakes the relay as soon as submissions are recorded (PostgreSQL LISTEN/NOTIFY), falling
/// back to the relay interval when the notification connection is down.
/// </summary>
internal sealed partial class SubmissionNotifications(NpgsqlDataSource dataSource, ILogger logger) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            if (_connection is null)
            {
                _connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var listen = new NpgsqlCommand($"LISTEN {Eigenpal.Submissions.SubmissionIntake.NotifyChannel}", _connection);
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            await _connection.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
        {
            LogListenFailed(logger, ex.Message);
            await DisposeAsync();
            await Task.Delay(timeout, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    [LoggerMessage(EventId = 602, EventName = "ListenFailed", Level = LogLevel.Debug, Message = "Submission notifications unavailable ({Error}); polling instead")]
    private static partial void LogListenFailed(ILogger logger, string error);
}
