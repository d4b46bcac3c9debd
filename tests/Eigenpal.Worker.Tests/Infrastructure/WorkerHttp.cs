using System.Net;
using System.Net.Sockets;

namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>What every fixture that runs a real worker process needs to reach it over HTTP.</summary>
public static class WorkerHttp
{
    /// <summary>A loopback port free right now, for a worker's <c>--urls</c> (so the test knows its address up front).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether the worker at <paramref name="baseUrl"/> answers <c>/healthz</c> (false while it is not listening yet).</summary>
    public static async Task<bool> AnswersHealthzAsync(HttpClient http, Uri baseUrl)
    {
        try
        {
            return (await http.GetAsync(new Uri(baseUrl, "/healthz"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
