using System.Diagnostics;
using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>Retries of idempotent calls, rate limits and attempt timeouts against the simulator's injected faults.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(1.0, 503)]
    public async Task Server_errors_on_a_get_are_retried_then_surfaced(double unavailableShare, int status)
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.ServerErrorRate = 1; f.ServiceUnavailableShare = unavailableShare; f.Methods = ["GET"]; });
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<EigenpalServerException>(() => client.Workflows.ListAsync());

        Assert.Equal(status, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        var counters = sim.GetCounters();
        Assert.Equal(3, counters.RequestsTo(EndpointNames.ListWorkflows));
        Assert.Equal(3, counters.ServerErrors);
    }

    [Fact]
    public async Task Rate_limit_without_retry_surfaces_429_with_retry_after()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.RateLimitPerSecond = 0.5; f.RateLimitBurst = 1; });
        using var client = SimulatorClients.Create(sim, o => o.RetryRateLimited = false);
        await client.Workflows.ListAsync();

        var error = await Assert.ThrowsAsync<EigenpalRateLimitException>(() => client.Workflows.ListAsync());

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("rate limit exceeded", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal(1, sim.GetCounters().RateLimited);
        Assert.Equal(2, sim.GetCounters().RequestsTo(EndpointNames.ListWorkflows));
    }

    [Fact]
    public async Task Rate_limited_run_without_retry_is_a_rate_limit_error_not_outcome_unknown()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.RateLimitPerSecond = 0.5; f.RateLimitBurst = 1; f.Endpoints = [EndpointNames.RunWorkflow]; });
        using var client = SimulatorClients.Create(sim, o => o.RetryRateLimited = false);
        var request = new RunRequest { Input = new Dictionary<string, object?> { ["text"] = "limited" } };
        await client.Workflows.RunAsync("classify-text", request);

        var error = await Assert.ThrowsAsync<EigenpalRateLimitException>(() => client.Workflows.RunAsync("classify-text", request));

        Assert.NotNull(error.RetryAfter);
        Assert.Equal((1, 2), (sim.GetCounters().ExecutionsCreated, sim.GetCounters().RequestsTo(EndpointNames.RunWorkflow)));
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);
    }

    [Fact]
    public async Task Rate_limit_longer_than_max_retry_after_is_surfaced_without_waiting()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.RateLimitPerSecond = 0.1; f.RateLimitBurst = 1; });
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAfter = TimeSpan.FromSeconds(1));
        await client.Workflows.ListAsync();

        var error = await Assert.ThrowsAsync<EigenpalRateLimitException>(() => client.Workflows.ListAsync());

        Assert.Equal(TimeSpan.FromSeconds(10), error.RetryAfter);
        Assert.Equal(2, sim.GetCounters().RequestsTo(EndpointNames.ListWorkflows));
    }

    [Fact]
    public async Task Rate_limited_run_is_retried_once_retry_after_has_passed()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.RateLimitPerSecond = 1; f.RateLimitBurst = 1; f.Endpoints = [EndpointNames.RunWorkflow]; });
        using var client = SimulatorClients.Create(sim, o => o.RetryRateLimited = true);
        var document = "Invoice No: RL-1\nTotal: 10.00 EUR\n"u8.ToArray();
        await client.Workflows.RunAsync("classify-text", new RunRequest { Input = new Dictionary<string, object?> { ["text"] = "takes the only token" } });
        var watch = Stopwatch.StartNew();

        var run = await client.Workflows.RunAsync("extract-invoice", new RunRequest
        {
            Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromBytes(document, "rl.txt") },
            WaitForCompletionSeconds = 10,
        });

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
        Assert.Equal(ExecutionStatus.Completed, run.Status);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document)), run.Result?.GetProperty("sha256").GetString());
        var counters = sim.GetCounters();
        Assert.Equal(1, counters.RateLimited);
        Assert.Equal(3, counters.RequestsTo(EndpointNames.RunWorkflow));
        Assert.Equal(2, counters.ExecutionsCreated);
        Assert.Equal(0, counters.RequestsBeforeRetryAfter);
    }

    [Fact]
    public async Task A_hanging_get_times_out_per_attempt_with_a_timeout_kind_error()
    {
        await using var sim = await FaultySimulator.StartAsync(f => { f.HangRate = 1; f.HangMs = 30_000; f.Endpoints = [EndpointNames.GetWorkflow]; });
        using var client = SimulatorClients.Create(sim, o => { o.Timeout = TimeSpan.FromMilliseconds(300); o.MaxRetryAttempts = 1; });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EigenpalTransportException>(() => client.Workflows.GetAsync("classify-text"));

        Assert.True(error.IsTimeout);
        Assert.Equal(0, error.StatusCode);
        Assert.Contains("no answer within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {watch.Elapsed}");
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);
        var counters = await Eventually.Until(() => Task.FromResult(sim.GetCounters()), c => c.Hung == 2, "both attempts hung");
        Assert.Equal(2, counters.RequestsTo(EndpointNames.GetWorkflow));
    }
}
