using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Simulator.Tests.Infrastructure;

/// <summary>Plain HttpClient calls against a simulator, answers parsed with System.Text.Json.</summary>
public sealed class Api(SimulatorHost host, TimeSpan? timeout = null) : IDisposable
{
    public HttpClient Http { get; } = Create(host, timeout);

    public const string Base = "api/v1/workflows";

    public static HttpClient Create(SimulatorHost host, TimeSpan? timeout = null, string? key = null)
    {
        var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? host.ApiKey);
        return http;
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return (response, await BodyAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostJsonAsync(string path, string json)
    {
        var response = await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, await BodyAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(string path, HttpContent? content = null)
    {
        var response = await Http.PostAsync(path, content);
        return (response, await BodyAsync(response));
    }

    public async Task<string> RunTextAsync(string text, string workflow = "classify-text")
    {
        var (response, body) = await PostJsonAsync($"{Base}/{workflow}/run", JsonSerializer.Serialize(new { input = new { text } }));
        Assert.Equal(201, (int)response.StatusCode);
        return body["executionId"]!.GetValue<string>();
    }

    /// <summary>Runs extract-invoice with one file part (and an optional <c>_json</c> sidecar); returns the execution id.</summary>
    public async Task<string> RunFileAsync(byte[] bytes, string fileName, string? sidecar = null)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(part, "contract_document", fileName);
        if (sidecar is not null)
        {
            form.Add(new StringContent(sidecar), "_json");
        }

        var (response, body) = await PostAsync($"{Base}/extract-invoice/run", form);
        Assert.Equal(201, (int)response.StatusCode);
        return body["executionId"]!.GetValue<string>();
    }

    /// <summary>A list page parsed as a document, so numbers and key order can be read as sent.</summary>
    public async Task<JsonDocument> ListDocumentAsync(string workflow, string query = "")
    {
        var response = await Http.GetAsync($"{Base}/{workflow}/executions{query}");
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The list item of one execution.</summary>
    public async Task<JsonObject> ListedAsync(string workflow, string id)
    {
        var (response, body) = await GetAsync($"{Base}/{workflow}/executions?limit=100");
        Assert.Equal(200, (int)response.StatusCode);
        return body["data"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id)!.AsObject();
    }

    public async Task<JsonObject> ExecutionAsync(string id)
    {
        var (response, body) = await GetAsync($"{Base}/executions/{id}");
        Assert.Equal(200, (int)response.StatusCode);
        return body;
    }

    public async Task<string> StatusAsync(string id) => (await ExecutionAsync(id))["status"]!.GetValue<string>();

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public static string[] Keys(JsonNode? node) => [.. node!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    public void Dispose() => Http.Dispose();
}
