using Eigenpal.Api;

namespace Eigenpal.Reconciliation;

/// <summary>
/// How a reconciliation listing asks for one page again after a transient failure (429, 5xx, no
/// answer): a 429 already paused the fleet, so the next call waits for that; anything else backs off
/// here, doubling. After <paramref name="MaxRetries"/> the page is given up and the listing is incomplete.
/// </summary>
/// <param name="MaxRetries">How many times one page is asked for again.</param>
/// <param name="FirstDelay">The first backoff after a failure that is not a 429.</param>
/// <param name="Time">The clock of the backoff.</param>
internal sealed record PageRetry(int MaxRetries, TimeSpan FirstDelay, TimeProvider Time)
{
    /// <summary>The page, or null when it kept failing; and how many calls it took.</summary>
    public async Task<(T? Page, int Calls)> GetAsync<T>(Func<Task<T>> call, Action<string> retrying, Action<string> givingUp, CancellationToken ct)
        where T : class
    {
        var delay = FirstDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await call(), attempt + 1);
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < MaxRetries)
            {
                retrying(ex.Message);
                if (ex is not EigenpalRateLimitException)
                {
                    await Task.Delay(delay, Time, ct);
                    delay *= 2;
                }
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                givingUp(ex.Message);
                return (null, attempt + 1);
            }
        }
    }

    /// <summary>Whether a failure says nothing about the listing, only that the call did not get through.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is EigenpalRateLimitException or EigenpalServerException or EigenpalTransportException or EigenpalNotSentException or HttpRequestException
        || (ex is EigenpalException { StatusCode: 0 or 408 });
}
