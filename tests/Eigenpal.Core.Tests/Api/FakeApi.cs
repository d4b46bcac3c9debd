using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Eigenpal.Core.Tests.Api;

/// <summary>A request the fake API received.</summary>
public sealed record RecordedRequest(string Method, string RawUrl, string Path, NameValueCollection Query, NameValueCollection Headers, byte[] Body, string? ContentType)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>A scripted answer of the fake API.</summary>
public sealed record FakeResponse(int Status, string? Body = null, string? ContentType = "application/json")
{
    public Dictionary<string, string> Headers { get; init; } = new();

    /// <summary>Drop the connection instead of answering.</summary>
    public bool Abort { get; init; }

    /// <summary>Hold the answer this long (the client is expected to time out first).</summary>
    public TimeSpan Hold { get; init; }

    public static FakeResponse Json(int status, string body) => new(status, body);
}

/// <summary>
/// A tiny real HTTP server on 127.0.0.1 that records requests and answers from a script,
/// so the client's real handler chain (resilience, redirects, timeouts) is exercised.
/// </summary>
public sealed class FakeApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, int, FakeResponse> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    public FakeApi(Func<RecordedRequest, int, FakeResponse> script)
    {
        _script = script;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Answers every request with the responses in order (the last one repeats).</summary>
    public FakeApi(params FakeResponse[] responses)
        : this((_, i) => responses[Math.Min(i, responses.Length - 1)])
    {
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Count => Requests.Count;

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var headers = new NameValueCollection(context.Request.Headers);
            var request = new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.RawUrl ?? string.Empty,
                context.Request.Url?.AbsolutePath ?? string.Empty,
                new NameValueCollection(context.Request.QueryString),
                headers,
                buffer.ToArray(),
                context.Request.ContentType);
            var index = Interlocked.Increment(ref _count) - 1;
            Requests.Enqueue(request);
            var answer = _script(request, index);
            if (answer.Hold > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(answer.Hold, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            if (answer.Abort)
            {
                context.Response.Abort();
                return;
            }

            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers)
            {
                context.Response.AddHeader(name, value);
            }

            if (answer.ContentType is not null)
            {
                context.Response.ContentType = answer.ContentType;
            }

            var body = Encoding.UTF8.GetBytes(answer.Body ?? string.Empty);
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away (e.g. it timed out); nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
