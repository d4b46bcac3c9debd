using System.Net.Http.Headers;
using Polly.Timeout;

namespace Eigenpal.Api.V1;

/// <summary>
/// The PUT of a pre-signed upload, straight to storage. It goes through an <see cref="HttpClient"/> of its own,
/// which has none of the API pipeline's handlers and never sees the API key or the SDK headers: the key cannot
/// leak to the storage host, whatever handlers a host adds to the API client. It is not retried (as in the SDK):
/// the caller aborts the session and the whole upload may be tried again with the same idempotency key.
/// </summary>
internal static class StorageUpload
{
    // One pool for the process (typed API clients come and go per use); connections are renewed so DNS changes are seen.
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(
        new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(30) },
        disposeHandler: true)
    { Timeout = System.Threading.Timeout.InfiniteTimeSpan });

    // Computed by the client from the body, or meaningless on a single request.
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Host", "Transfer-Encoding", "Connection" };

    public static HttpClient Shared => SharedClient.Value;

    /// <summary>PUTs <paramref name="content"/> to <paramref name="url"/> with the negotiated headers; throws on any failure.</summary>
    /// <exception cref="EigenpalException">Storage answered with a status outside 2xx.</exception>
    /// <exception cref="EigenpalTransportException">No answer within <paramref name="timeout"/>, or the connection failed.</exception>
    public static async Task PutAsync(
        HttpClient http, Uri url, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string>? headers, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // Never the query: a pre-signed URL's query is its signature.
        var where = $"{url.Scheme}://{url.Authority}{url.AbsolutePath}";
        using var message = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ReadOnlyMemoryContent(content) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!SkippedHeaders.Contains(name) && !message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (message.Content.Headers.ContentType is null && headers?.Keys.Any(k => k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) != true)
        {
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new EigenpalException($"the storage upload PUT {where} answered {(int)response.StatusCode}", (int)response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutRejectedException)
        {
            var timedOut = ex is not HttpRequestException;
            throw new EigenpalTransportException(
                $"the storage upload PUT {where} got no answer: {(timedOut ? $"no answer within {timeout.TotalSeconds:0.###} s" : ex.Message)}", ex, timedOut);
        }
    }
}
