using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Eigenpal.Simulator.Modes;

/// <summary>
/// Sets the <c>Date</c> header of every answer from the <see cref="ApiClock"/>, just before the
/// headers are sent. Kestrel writes its own <c>Date</c> (from the machine clock) only when the
/// response has none, so there is always exactly one.
/// </summary>
internal sealed class DateHeaderMiddleware(RequestDelegate next, ApiClock clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(
            static state =>
            {
                var (response, clock) = ((HttpResponse, ApiClock))state;
                response.Headers[HeaderNames.Date] = clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            },
            (context.Response, clock));
        return next(context);
    }
}
