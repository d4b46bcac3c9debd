using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Simulator.Tests.Infrastructure;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>Plain HttpClient calls against the v1 surface of a simulator, under one prefix.</summary>
public sealed class V1Api(SimulatorHost host, string prefix = "v1", TimeSpan? timeout = null) : IDisposable
{
    public HttpClient Http { get; } = Api.Create(host, timeout);

    public string Prefix { get; } = prefix;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<(HttpResponseMessage Response, JsonObject Body)> GetAsync(string path)
    {
        var response = await Http.GetAsync($"{Prefix}/{path}");
        return (response, await Api.BodyAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(string path, HttpContent? content = null)
    {
        var response = await Http.PostAsync($"{Prefix}/{path}", content);
        return (response, await Api.BodyAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> DeleteAsync(string path)
    {
        var response = await Http.DeleteAsync($"{Prefix}/{path}");
        return (response, await Api.BodyAsync(response));
    }

    public Task<(HttpResponseMessage Response, JsonObject Body)> StartAsync(string json, string query = "") =>
        PostAsync($"runs{query}", Json(json));

    /// <summary>Starts classify-text with optional metadata (JSON text); returns the run id.</summary>
    public async Task<string> StartTextAsync(string text, string? metadata = null)
    {
        var body = new JsonObject { ["target"] = "workflows.classify-text", ["input"] = new JsonObject { ["text"] = text } };
        if (metadata is not null)
        {
            body["metadata"] = JsonNode.Parse(metadata);
        }

        var (response, answer) = await StartAsync(body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return answer["id"]!.GetValue<string>();
    }

    /// <summary>Starts extract-invoice as multipart with a <c>files.contract_document</c> part; returns the answer.</summary>
    public async Task<(HttpResponseMessage Response, JsonObject Body)> StartFileAsync(byte[] bytes, string fileName, string? metadata = null, string query = "", string partName = "files.contract_document")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("workflows.extract-invoice"), "target");
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(part, partName, fileName);
        form.Add(new StringContent("{}", Encoding.UTF8, "application/json"), "input");
        if (metadata is not null)
        {
            form.Add(new StringContent(metadata, Encoding.UTF8, "application/json"), "metadata");
        }

        return await PostAsync($"runs{query}", form);
    }

    public async Task<JsonObject> RunAsync(string id, string expand = "")
    {
        var (response, body) = await GetAsync($"runs/{id}{(expand.Length > 0 ? "?expand=" + expand : "")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body;
    }

    public async Task<string> StatusAsync(string id) => (await RunAsync(id))["execution"]!["status"]!.GetValue<string>();

    public Task<JsonObject> WhenFinishedAsync(string id) =>
        Eventually.Until(() => RunAsync(id), r => r["finished"]!.GetValue<bool>(), what: $"run {id} finished");

    /// <summary>Every run of a list query, following <c>nextCursor</c> to its end; also returns the pages' sizes.</summary>
    public async Task<(List<JsonObject> Runs, List<int> PageSizes)> ListAllAsync(string query = "")
    {
        var runs = new List<JsonObject>();
        var sizes = new List<int>();
        string? cursor = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var separator = query.Length == 0 ? "?" : "&";
            var (response, body) = await GetAsync($"runs{(query.Length == 0 ? "" : "?" + query)}{(cursor is null ? "" : separator + "cursor=" + Uri.EscapeDataString(cursor))}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["nextCursor", "runs"], Api.Keys(body));
            var page = body["runs"]!.AsArray().Select(r => r!.AsObject()).ToList();
            runs.AddRange(page);
            sizes.Add(page.Count);
            cursor = body["nextCursor"]?.GetValue<string>();
            Assert.True(cursor is null || seen.Add(cursor), "a cursor came back twice");
            Assert.True(sizes.Count < 1000, "paging did not end");
        }
        while (cursor is not null);
        return (runs, sizes);
    }

    /// <summary>Uploads a file through <c>POST /files/uploads</c> and the transport it chooses; returns the File.</summary>
    public async Task<JsonObject> UploadAsync(byte[] bytes, string fileName, string key, string contentType = "text/plain")
    {
        var (negotiated, session) = await PostAsync("files/uploads", Json(JsonSerializer.Serialize(new { filename = fileName, contentType, size = bytes.Length, idempotencyKey = key })));
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        if (session["transport"]!.GetValue<string>() == "multipart")
        {
            using var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "file", fileName);
            var posted = await Http.PostAsync(session["url"]!.GetValue<string>().TrimStart('/'), form);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            return await Api.BodyAsync(posted);
        }

        await PutToStorageAsync(session, bytes);
        var (completed, file) = await PostAsync($"files/uploads/{session["uploadId"]!.GetValue<string>()}/complete");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        return file;
    }

    /// <summary>The storage PUT as the SDK sends it: negotiated headers but Content-Length, and no Authorization.</summary>
    public static async Task<HttpResponseMessage> PutToStorageAsync(JsonObject session, byte[] bytes, bool withAuthorization = false)
    {
        using var storage = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, session["url"]!.GetValue<string>()) { Content = new ByteArrayContent(bytes) };
        foreach (var (name, value) in session["headers"]!.AsObject())
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value!.GetValue<string>());
            }
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Add(name, value!.GetValue<string>());
            }
        }

        if (withAuthorization)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sim-test-key");
        }

        return await storage.SendAsync(request);
    }

    public static void AssertEnvelope(HttpResponseMessage response, JsonObject body, int status, string field, string? code = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(["issues", "requestId"], Api.Keys(body).Where(k => k != "hint").ToArray());
        var issue = body["issues"]!.AsArray()[0]!;
        Assert.Equal(field, issue["field"]!.GetValue<string>());
        if (code is not null)
        {
            Assert.Equal(code, issue["code"]!.GetValue<string>());
        }
    }

    public void Dispose() => Http.Dispose();
}
