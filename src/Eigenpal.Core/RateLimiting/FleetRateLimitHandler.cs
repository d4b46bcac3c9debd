using System.Net;
using Eigenpal.Api;

namespace Eigenpal.RateLimiting;

/// <summary>
/// Puts every API call of this process through the fleet-wide limiter, and turns a 429 into a
/// pause for the whole fleet. It sits inside the client's retry handler, so each attempt waits
/// for its own slot (except a request whose caller reserved one, see <see cref="ReservedSlot"/>).
/// A limiter that cannot be reached (its database is down) stops the request before it leaves.
/// </summary>
public sealed class FleetRateLimitHandler(FleetRateLimiter limiter, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A slot taken a moment ago by the caller (see ReservedSlot) is not taken twice, but a pause
        // another worker committed since then still holds the request back.
        if (ReservedSlot.TryConsume())
        {
            await NotSentIfLimiterFailsAsync(request, () => limiter.WaitSharedPauseAsync(cancellationToken));
        }
        else
        {
            await NotSentIfLimiterFailsAsync(request, () => limiter.AcquireAsync(cancellationToken));
        }

        // The last check before the request leaves: a 429 this process saw meanwhile (even one whose
        // pause is not committed yet) holds it back. Cheap, no database read.
        await limiter.WaitLocalPauseAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await limiter.PauseAsync(RetryAfterOf(response), cancellationToken);
        }

        return response;
    }

    // The limiter's database unreachable: the request never left, which the sender must be able to tell.
    private static async Task NotSentIfLimiterFailsAsync(HttpRequestMessage request, Func<Task> limiterCall)
    {
        try
        {
            await limiterCall();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new EigenpalNotSentException($"{request.Method} {request.RequestUri?.AbsolutePath} was not sent: the shared rate limit could not be read ({ex.Message})", ex);
        }
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
