using Eigenpal.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Hosting;

/// <summary>
/// Checks at start that the connection pool can serve the configured concurrency
/// (<see cref="ConnectionBudget"/>): a pool smaller than that stalls the worker until Npgsql's timeout.
/// Whether the server itself has that many connections to give is checked once it is reachable
/// (<see cref="ServerConnectionCheck"/>).
/// </summary>
internal sealed class WorkerOptionsValidator(IOptions<EigenpalStoreOptions> store) : IValidateOptions<WorkerOptions>
{
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

        return ConnectionBudget.Needed(options) <= poolSize
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{ConnectionBudget.Describe(options)}, but the connection string allows {poolSize} (Maximum Pool Size). " +
                "Lower the concurrency or raise the pool size.");
    }
}
