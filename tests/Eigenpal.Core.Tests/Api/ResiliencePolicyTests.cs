using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Eigenpal.Api;
using Eigenpal.Api.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Eigenpal.Core.Tests.Api;

public sealed class ResiliencePolicyTests
{
    private static EigenpalResilience Policy(bool retryRateLimited = true) => new(
        ClientSettings.Resolve(new EigenpalClientOptions { ApiKey = "k", RetryRateLimited = retryRateLimited, MaxRetryAfter = TimeSpan.FromMinutes(2) }, _ => null),
        NullLogger.Instance,
        TimeProvider.System);

    private static bool ShouldRetry(EigenpalResilience policy, HttpMethod method, Outcome<HttpResponseMessage> outcome, bool idempotent = false)
    {
        using var request = new HttpRequestMessage(method, "http://x/api/v1/workflows");
        request.Options.Set(RequestFlags.Idempotent, idempotent);
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.SetRequestMessage(request);
            return policy.ShouldRetry(outcome, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static Outcome<HttpResponseMessage> Status(int status, string? retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return Outcome.FromResult(response);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public void Gets_retry_only_transient_statuses(int status, bool retried)
    {
        Assert.Equal(retried, ShouldRetry(Policy(), HttpMethod.Get, Status(status)));
    }

    [Fact]
    public void Run_posts_retry_no_server_error_or_ambiguous_transport_failure()
    {
        var policy = Policy();
        Assert.False(ShouldRetry(policy, HttpMethod.Post, Status(500)));
        Assert.False(ShouldRetry(policy, HttpMethod.Post, Status(408)));
        Assert.False(ShouldRetry(policy, HttpMethod.Post, Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset", new IOException()))));
        Assert.False(ShouldRetry(policy, HttpMethod.Post, Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException())));
        Assert.True(ShouldRetry(policy, HttpMethod.Post, Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)))));
        Assert.True(ShouldRetry(policy, HttpMethod.Post, Status(500), idempotent: true));
    }

    [Fact]
    public void Rate_limits_are_retried_for_any_method_within_max_retry_after()
    {
        Assert.True(ShouldRetry(Policy(), HttpMethod.Post, Status(429, "5")));
        Assert.True(ShouldRetry(Policy(), HttpMethod.Post, Status(429)));
        Assert.False(ShouldRetry(Policy(), HttpMethod.Post, Status(429, "121")));
        Assert.False(ShouldRetry(Policy(retryRateLimited: false), HttpMethod.Get, Status(429, "1")));
    }

    [Fact]
    public void Retry_after_sets_the_delay_otherwise_backoff()
    {
        var policy = Policy();
        Assert.Equal(TimeSpan.FromSeconds(5) + EigenpalResilience.RetryAfterMargin, policy.RetryAfterDelay(Status(429, "5")));
        Assert.Null(policy.RetryAfterDelay(Status(429)));
        Assert.Null(policy.RetryAfterDelay(Status(503, "600")));
        var date = DateTimeOffset.UtcNow.AddSeconds(30).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(policy.RetryAfterDelay(Status(429, date))!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task Retry_after_is_actually_waited()
    {
        await using var api = new FakeApi(
            new FakeResponse(429, "", null) { Headers = { ["Retry-After"] = "1" } },
            FakeResponse.Json(200, """{"data":[],"total":0,"limit":50,"offset":0}"""));
        using var client = TestClients.Create(api);
        var watch = Stopwatch.StartNew();

        await client.Workflows.ListAsync();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {watch.Elapsed}");
        Assert.Equal(2, api.Count);
    }
}
