using Eigenpal.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// Checks at start that the connection pool can serve the configured concurrency: every run in
/// flight holds a connection (its submission's advisory lock) and takes another for the rate
/// limit, so a pool smaller than that stalls the worker until Npgsql's timeout.
/// </summary>
internal sealed class WorkerOptionsValidator(IOptions<EigenpalStoreOptions> store) : IValidateOptions<WorkerOptions>
{
    // Hangfire's own connections, the relay, the poller and the limiter's short statements.
    private const int Headroom = 20;

    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        int poolSize;
        try
        {
            poolSize = new NpgsqlConnectionStringBuilder(store.Value.ConnectionString).MaxPoolSize;
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Skip; // the store's own validation reports a bad connection string
        }

        var needed = (options.WorkerCount * options.SendConcurrency) + Headroom;
        return needed <= poolSize
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Eigenpal:Worker:WorkerCount ({options.WorkerCount}) × SendConcurrency ({options.SendConcurrency}) + {Headroom} = {needed} " +
                $"connections, but the connection string allows {poolSize} (Maximum Pool Size). Lower the concurrency or raise the pool size.");
    }
}
