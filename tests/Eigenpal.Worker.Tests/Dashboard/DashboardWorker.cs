using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>
/// A scenario whose worker serves the dashboard on a known port, and a browser-like HTTP client for it: it
/// keeps cookies (the antiforgery cookie), does not follow redirects (so a test sees where an action sends it),
/// and reads the antiforgery token from a page's form as a browser would submit it.
/// </summary>
public sealed partial class DashboardWorker : IAsyncDisposable
{
    private DashboardWorker(WorkerScenario scenario, Uri baseUrl)
    {
        Scenario = scenario;
        BaseUrl = baseUrl;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The field the antiforgery token is posted in.</summary>
    public const string TokenField = "__RequestVerificationToken";

    public WorkerScenario Scenario { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the scenario's worker on a free port and waits until it answers.</summary>
    public static async Task<DashboardWorker> StartAsync(WorkerScenario scenario)
    {
        var url = new Uri($"http://127.0.0.1:{WorkerHttp.FreePort()}");
        var worker = new DashboardWorker(scenario, url);
        scenario.StartWorker(url);
        await Eventually.WaitAsync(worker.HealthyAsync, healthy => healthy, TimeSpan.FromSeconds(60), "the worker's HTTP server to answer",
            async () => scenario.WorkerOutputTail());
        return worker;
    }

    /// <summary>GETs <paramref name="path"/>; fails the test unless it answers 200.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{html}\n{Scenario.WorkerOutputTail()}");
        return html;
    }

    /// <summary>The antiforgery token of the first form on <paramref name="html"/>.</summary>
    public static string TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on the page:\n" + html);

    /// <summary>POSTs a form to <paramref name="path"/>, with <paramref name="token"/> when given.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? token, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            form.Add(new(TokenField, token));
        }

        return await Http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>POSTs the confirm page's form and follows the redirect to the outcome page; returns the outcome page.</summary>
    public async Task<(string OutcomePath, string Html)> ConfirmAsync(string path, params (string Name, string Value)[] fields)
    {
        var token = TokenOf(await PageAsync(path));
        using var response = await PostAsync(path, token, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {path}: {(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        var outcome = response.Headers.Location?.OriginalString ?? throw new InvalidOperationException("no Location");
        Assert.StartsWith("/actions/", outcome, StringComparison.Ordinal);
        return (outcome, await PageAsync(outcome));
    }

    /// <summary>The text of the element with <paramref name="id"/> (the first, markup stripped).</summary>
    public static string TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"""id="{Regex.Escape(id)}"[^>]*>(.*?)</(p|span|strong|h1|td)>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element #{id} on the page:\n{html}");
        return WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim();
    }

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }


    [GeneratedRegex("""<input name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Scenario.DisposeAsync();
    }
}
