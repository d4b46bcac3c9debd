using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Polly.Timeout;

namespace Eigenpal.Api.Http;

/// <summary>Classifies failures: which are transient, and which prove that a request was never sent.</summary>
internal static class TransientFailures
{
    public static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.RequestTimeout;

    public static bool IsTransientException(Exception? exception) =>
        exception is HttpRequestException or TimeoutRejectedException;

    /// <summary>
    /// True only when the connection could not be opened, so no byte of the request reached the server
    /// (name resolution failed, the connection was refused, the host was unreachable).
    /// </summary>
    public static bool ProvesNotSent(Exception? exception)
    {
        if (exception is not HttpRequestException http)
        {
            return false;
        }

        if (http.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return true;
        }

        return http.InnerException is SocketException
        {
            SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData,
        };
    }

    /// <summary>The wait asked for by a <c>Retry-After</c> header (delta seconds or HTTP date), never negative.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
