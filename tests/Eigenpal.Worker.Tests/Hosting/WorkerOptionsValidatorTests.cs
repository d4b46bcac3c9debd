using Eigenpal.Storage;
using Eigenpal.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Tests.Hosting;

public sealed class WorkerOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(string connectionString, int workers, int sendConcurrency) =>
        new WorkerOptionsValidator(Options.Create(new EigenpalStoreOptions { ConnectionString = connectionString }))
            .Validate(null, new WorkerOptions { WorkerCount = workers, SendConcurrency = sendConcurrency });

    [Fact]
    public void The_defaults_fit_the_default_pool()
    {
        Assert.True(Validate("Host=db;Database=eigenpal", workers: 10, sendConcurrency: 4).Succeeded);
    }

    [Fact]
    public void Concurrency_beyond_the_pool_is_refused_at_start_with_the_numbers()
    {
        var result = Validate("Host=db;Database=eigenpal;Maximum Pool Size=30", workers: 10, sendConcurrency: 4);

        Assert.True(result.Failed);
        Assert.Contains("60 connections", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("allows 30", result.FailureMessage, StringComparison.Ordinal);
    }
}
