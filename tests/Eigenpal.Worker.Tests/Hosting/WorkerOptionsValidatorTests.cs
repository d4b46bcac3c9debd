using Eigenpal.Storage;
using Eigenpal.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Tests.Hosting;

public sealed class WorkerOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(string connectionString, int workers, int sendConcurrency, int pollWorkers = 2) =>
        new WorkerOptionsValidator(Options.Create(new EigenpalStoreOptions { ConnectionString = connectionString }))
            .Validate(null, new WorkerOptions { WorkerCount = workers, SendConcurrency = sendConcurrency, PollWorkerCount = pollWorkers });

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
        Assert.Contains("62 connections", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("allows 30", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_poll_threads_count_against_the_pool_beside_the_runs_in_flight()
    {
        // 10 × 4 runs + 20 headroom = 60 fit a pool of 60 only without poll threads of their own.
        var result = Validate("Host=db;Database=eigenpal;Maximum Pool Size=60", workers: 10, sendConcurrency: 4, pollWorkers: 2);

        Assert.True(result.Failed);
        Assert.Contains("PollWorkerCount (2)", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate("Host=db;Database=eigenpal;Maximum Pool Size=62", workers: 10, sendConcurrency: 4, pollWorkers: 2).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void A_poll_thread_count_out_of_range_is_refused(int pollWorkers)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new WorkerOptions { PollWorkerCount = pollWorkers };

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(WorkerOptions.PollWorkerCount)));
    }
}
