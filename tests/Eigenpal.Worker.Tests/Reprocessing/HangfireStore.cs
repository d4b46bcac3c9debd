using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Eigenpal.Worker.Tests.Reprocessing;

/// <summary>The workers' own Hangfire storage (schema <c>hangfire</c> of the test's database), as the dashboard would reach it.</summary>
internal static class HangfireStore
{
    public static PostgreSqlStorage For(string connectionString, bool installSchema = false)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = installSchema };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>What "Trigger now" in the dashboard does: the recurring job enqueued at once through Hangfire's manager.</summary>
    public static string TriggerNow(string connectionString, string recurringJobId) =>
        new RecurringJobManager(For(connectionString)).TriggerJob(recurringJobId)
        ?? throw new InvalidOperationException($"the recurring job '{recurringJobId}' is not registered");
}
