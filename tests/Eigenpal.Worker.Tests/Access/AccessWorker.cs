using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Eigenpal.Worker.Tests.Access;

/// <summary>
/// A real worker process with users and tokens configured, reached over real HTTP. A request is made
/// "remote" the way a reverse proxy would: the worker believes 127.0.0.1 as a proxy (when
/// <c>trustLoopbackProxy</c>) and the request says <c>X-Forwarded-For: 203.0.113.7</c>.
/// </summary>
public sealed class AccessWorker : IAsyncDisposable
{
    public const string RemoteClient = "203.0.113.7";
    public const string ViewerName = "vera";
    public const string ViewerPassword = "viewer-Pa55-word-7d1c";
    public const string OperatorName = "otto";
    public const string OperatorPassword = "operator-Pa55-word-93af";

    private AccessWorker(WorkerScenario scenario, Uri baseUrl, string viewerToken, string operatorToken)
    {
        Scenario = scenario;
        BaseUrl = baseUrl;
        ViewerToken = viewerToken;
        OperatorToken = operatorToken;
    }

    public WorkerScenario Scenario { get; }

    public Uri BaseUrl { get; }

    public string ViewerToken { get; }

    public string OperatorToken { get; }

    /// <summary>Every secret the worker knows: none may appear in a response or its output.</summary>
    public IEnumerable<string> Secrets => [ViewerPassword, OperatorPassword, ViewerToken, OperatorToken, Scenario.Simulator.ApiKey];

    public static async Task<AccessWorker> StartAsync(PostgresServer postgres, bool trustLoopbackProxy = true)
    {
        var scenario = await WorkerScenario.StartAsync(postgres);
        var hasher = new PasswordHasher<AccessUserOptions>();
        var viewerToken = TokenHash.NewToken();
        var operatorToken = TokenHash.NewToken();
        var access = new Dictionary<string, string>
        {
            ["Users__0__Name"] = ViewerName,
            ["Users__0__Role"] = AccessRoles.Viewer,
            ["Users__0__PasswordHash"] = hasher.HashPassword(new AccessUserOptions(), ViewerPassword),
            ["Users__1__Name"] = OperatorName,
            ["Users__1__Role"] = AccessRoles.Operator,
            ["Users__1__PasswordHash"] = hasher.HashPassword(new AccessUserOptions(), OperatorPassword),
            ["Tokens__0__Name"] = "grafana",
            ["Tokens__0__Role"] = AccessRoles.Viewer,
            ["Tokens__0__Sha256"] = TokenHash.HexOf(viewerToken),
            ["Tokens__1__Name"] = "ops-script",
            ["Tokens__1__Role"] = AccessRoles.Operator,
            ["Tokens__1__Sha256"] = TokenHash.HexOf(operatorToken),
        };
        if (trustLoopbackProxy)
        {
            access["KnownProxies__0"] = "127.0.0.1";
        }

        foreach (var (key, value) in access)
        {
            scenario.Settings["Eigenpal__Access__" + key] = value;
        }

        var url = new Uri($"http://127.0.0.1:{WorkerHttp.FreePort()}");
        var worker = new AccessWorker(scenario, url, viewerToken, operatorToken);
        scenario.StartWorker(url);
        await Eventually.WaitAsync(worker.HealthyAsync, healthy => healthy, TimeSpan.FromSeconds(60), "the worker's HTTP server to answer",
            async () => scenario.WorkerOutputTail());
        return worker;
    }

    /// <summary>A client of its own (cookies included, for Hangfire's anti-forgery token), local or remote, with optional credentials.</summary>
    public HttpClient Client(bool remote, AuthenticationHeaderValue? credentials = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = BaseUrl,
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (remote)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", RemoteClient);
        }

        client.DefaultRequestHeaders.Authorization = credentials;
        return client;
    }

    public static AuthenticationHeaderValue Basic(string name, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            return (await http.GetAsync(new Uri(BaseUrl, "/healthz"))).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }


    public ValueTask DisposeAsync() => Scenario.DisposeAsync();
}
