using System.Globalization;
using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Simulator.Faults;

/// <summary>
/// Applies the faults in force to an authenticated API request, in the order a real edge would:
/// rate limit, then hang, latency, and injected 5xx. Lost responses are decided in the endpoints
/// themselves (legacy run, v1 start, rerun and upload negotiation), after what they create exists.
/// </summary>
internal sealed class FaultFilter(
    FaultState faults, RetryAfterWatch retryAfterWatch, SimulatorCounters counters, TimeProvider time, ILogger<FaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var endpoint = RequestCountingFilter.EndpointName(http);
        if (!faults.AppliesTo(endpoint, http.Request.Method))
        {
            return await next(context);
        }

        var early = retryAfterWatch.IsEarly(RequestArrival.Of(http, time.GetUtcNow()), http.Request.Method, endpoint);
        if (early)
        {
            counters.RequestBeforeRetryAfter();
        }

        if (!faults.TryPassRateLimit(out var retryAfter))
        {
            var decidedAt = retryAfterWatch.RateLimited(retryAfter, answersEarlyRequest: early);
            if (!early)
            {
                http.Response.OnCompleted(() =>
                {
                    retryAfterWatch.Delivered(decidedAt);
                    return Task.CompletedTask;
                });
            }
            counters.RateLimited();
            Log.RateLimited(logger, http.TraceIdentifier, endpoint, retryAfter);
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return ApiErrors.Error(http, StatusCodes.Status429TooManyRequests, "<root>", "Rate limit exceeded.", "rate_limited", $"Retry after {retryAfter} s.");
        }

        if (faults.ShouldHang())
        {
            counters.Hung();
            Log.FaultInjected(logger, "hang", http.TraceIdentifier, endpoint);
            await HoldAsync(TimeSpan.FromMilliseconds(faults.Current.HangMs), http.RequestAborted);
            http.Abort();
            return Results.Empty;
        }

        var latency = faults.Latency();
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, http.RequestAborted);
        }

        if (faults.ServerErrorStatus() is { } status)
        {
            counters.ServerError();
            Log.FaultInjected(logger, status.ToString(CultureInfo.InvariantCulture), http.TraceIdentifier, endpoint);
            return ApiErrors.Error(http, status, "<root>", status == 503 ? "Service temporarily unavailable." : "Internal server error.", "internal_error");
        }

        return await next(context);
    }

    // The client giving up ends the hang early; that is the expected way out, not an error.
    private async Task HoldAsync(TimeSpan duration, CancellationToken clientGone)
    {
        try
        {
            await Task.Delay(duration, time, clientGone);
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            return;
        }
    }
}
