using System.Net;

namespace Eigenpal.RateLimiting;

/// <summary>
/// Puts every API call of this process through the fleet-wide limiter, and turns a 429 into a
/// pause for the whole fleet. It sits inside the client's retry handler, so each attempt waits
/// for its own slot.
/// </summary>
public sealed class FleetRateLimitHandler(FleetRateLimiter limiter, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await limiter.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await limiter.PauseAsync(RetryAfterOf(response), cancellationToken);
        }

        return response;
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }
}
