using System.Text;
using Eigenpal.Api;
using Eigenpal.Api.V1;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>Upload negotiation, both transports, abort, get and delete: the exact requests and answers.</summary>
public sealed class FilesWireTests
{
    private static readonly FileUpload Upload = new(Encoding.UTF8.GetBytes("hello"), "input.txt", "text/plain", "idem_fixed_cs", FileUpload.RunInputPurpose);

    private static FakeResponse Presigned(FakeApi api) => FakeResponse.Json(200, $$"""
        {"transport":"presigned-put","uploadId":"fup_1","fileId":"file_123","url":"{{api.BaseUrl}}/_storage/bucket/obj?X-Amz-Signature=SIGNATURE_SECRET",
         "headers":{"Content-Type":"text/plain","Content-Length":"5","x-amz-meta-upload-id":"fup_1"},"expiresAt":"2026-12-01T23:30:00Z","maxFileSizeBytes":104857600}
        """);

    [Fact]
    public async Task Negotiation_sends_the_callers_key_and_multipart_transport_posts_to_the_negotiated_url()
    {
        await using var api = new FakeApi((request, _) => request.Path switch
        {
            "/v1/files/uploads" => FakeResponse.Json(200, """{"transport":"multipart","url":"/v1/files?via=negotiation","maxFileSizeBytes":104857600}"""),
            _ => FakeResponse.Json(201, V1Bodies.File),
        });
        using var client = TestClients.Create(api);

        var file = await client.Files.UploadAsync(Upload);

        Assert.Equal(new EigenpalFile("file_123", "input.txt", "text/plain", 5, new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero), null), file);
        var requests = api.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(("POST", "/v1/files/uploads", "application/json"), (requests[0].Method, requests[0].RawUrl, requests[0].ContentType));
        Assert.Equal("""{"filename":"input.txt","contentType":"text/plain","size":5,"idempotencyKey":"idem_fixed_cs","purpose":"run-input"}""", requests[0].BodyText);
        V1Requests.AssertApiHeaders(requests[0]);

        Assert.Equal(("POST", "/v1/files?via=negotiation"), (requests[1].Method, requests[1].RawUrl));
        V1Requests.AssertApiHeaders(requests[1]);
        var parts = Multipart.Parse(requests[1]);
        Assert.Equal(["file", "purpose"], parts.Select(p => p.Name));
        Assert.Equal(("input.txt", "text/plain", "hello"), (parts[0].FileName, parts[0].ContentType, Encoding.UTF8.GetString(parts[0].Body)));
        Assert.Equal("run-input", Encoding.UTF8.GetString(parts[1].Body));
    }

    [Fact]
    public async Task Durable_upload_leaves_purpose_out()
    {
        await using var api = new FakeApi((request, _) => request.Path == "/v1/files/uploads"
            ? FakeResponse.Json(200, """{"transport":"multipart","url":"/v1/files","maxFileSizeBytes":100}""")
            : FakeResponse.Json(200, """{"id":"file_1","filename":"a.txt"}"""));
        using var client = TestClients.Create(api);

        var file = await client.Files.UploadAsync(Upload with { Purpose = null });

        Assert.Equal(("file_1", null), (file.Id, file.CreatedAt));
        var requests = api.Requests.ToArray();
        Assert.Equal("""{"filename":"input.txt","contentType":"text/plain","size":5,"idempotencyKey":"idem_fixed_cs"}""", requests[0].BodyText);
        Assert.Equal(["file"], Multipart.Parse(requests[1]).Select(p => p.Name));
    }

    [Fact]
    public async Task Presigned_transport_puts_to_storage_without_the_key_or_sdk_headers_then_completes()
    {
        FakeApi? self = null;
        await using var api = new FakeApi((request, _) => request.Path switch
        {
            "/v1/files/uploads" => Presigned(self!),
            "/_storage/bucket/obj" => new FakeResponse(200, null, null),
            _ => FakeResponse.Json(200, V1Bodies.File),
        });
        self = api;
        using var client = TestClients.Create(api);

        var file = await client.Files.UploadAsync(Upload);

        Assert.Equal("file_123", file.Id);
        var requests = api.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        var put = requests[1];
        Assert.Equal(("PUT", "/_storage/bucket/obj?X-Amz-Signature=SIGNATURE_SECRET", "hello"), (put.Method, put.RawUrl, put.BodyText));
        Assert.Null(put.Headers["Authorization"]);
        Assert.Null(put.Headers["X-Eigenpal-Sdk"]);
        Assert.Null(put.Headers["X-Eigenpal-Sdk-Version"]);
        Assert.Null(put.Headers["User-Agent"]);
        Assert.Equal("text/plain", put.ContentType);
        Assert.Equal("fup_1", put.Headers["x-amz-meta-upload-id"]);
        Assert.Equal("5", put.Headers["Content-Length"]);
        var complete = requests[2];
        Assert.Equal(("POST", "/v1/files/uploads/fup_1/complete", 0), (complete.Method, complete.RawUrl, complete.Body.Length));
        V1Requests.AssertApiHeaders(complete);
    }

    [Fact]
    public async Task Failed_storage_put_is_not_retried_aborts_the_session_and_throws_without_the_signature()
    {
        FakeApi? self = null;
        await using var api = new FakeApi((request, _) => (request.Method, request.Path) switch
        {
            ("POST", "/v1/files/uploads") => Presigned(self!),
            ("PUT", _) => new FakeResponse(503, "<Error/>", "application/xml"),
            ("DELETE", _) => FakeResponse.Json(200, """{"aborted":true}"""),
            _ => FakeResponse.Json(200, V1Bodies.File),
        });
        self = api;
        using var client = TestClients.Create(api, o => o.MaxRetryAttempts = 5);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Files.UploadAsync(Upload));

        Assert.Equal(503, error.StatusCode);
        Assert.DoesNotContain("SIGNATURE_SECRET", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            [("POST", "/v1/files/uploads"), ("PUT", "/_storage/bucket/obj"), ("DELETE", "/v1/files/uploads/fup_1")],
            api.Requests.Select(r => (r.Method, r.Path)));
        V1Requests.AssertApiHeaders(api.Requests.Last());
    }

    [Fact]
    public async Task Storage_put_that_times_out_aborts_and_throws_a_transport_error_even_when_abort_fails()
    {
        FakeApi? self = null;
        await using var api = new FakeApi((request, _) => (request.Method, request.Path) switch
        {
            ("POST", "/v1/files/uploads") => Presigned(self!),
            ("PUT", _) => new FakeResponse(200, null, null) { Hold = TimeSpan.FromSeconds(20) },
            _ => FakeResponse.Json(404, V1Bodies.Envelope),
        });
        self = api;
        // Long enough that the negotiation never times out on a loaded host (it would be retried: a second POST),
        // short beside the storage's hold.
        using var client = TestClients.Create(api, o => o.Timeout = TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<EigenpalTransportException>(() => client.Files.UploadAsync(Upload));

        Assert.True(error.IsTimeout);
        Assert.DoesNotContain("SIGNATURE_SECRET", error.ToString(), StringComparison.Ordinal);

        Assert.Equal(["POST", "PUT", "DELETE"], api.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Negotiation_and_completion_are_retried_with_the_same_key()
    {
        FakeApi? self = null;
        var negotiations = 0;
        var completions = 0;
        await using var api = new FakeApi((request, _) => (request.Method, request.Path) switch
        {
            ("POST", "/v1/files/uploads") => Interlocked.Increment(ref negotiations) == 1 ? FakeResponse.Json(500, V1Bodies.Envelope) : Presigned(self!),
            ("PUT", _) => new FakeResponse(200, null, null),
            _ => Interlocked.Increment(ref completions) == 1 ? FakeResponse.Json(502, "{}") : FakeResponse.Json(200, V1Bodies.File),
        });
        self = api;
        using var client = TestClients.Create(api);

        var file = await client.Files.UploadAsync(Upload);

        Assert.Equal("file_123", file.Id);
        Assert.Equal((2, 2), (negotiations, completions));
        var bodies = api.Requests.Where(r => r.Path == "/v1/files/uploads").Select(r => r.BodyText).Distinct();
        Assert.Contains("\"idempotencyKey\":\"idem_fixed_cs\"", Assert.Single(bodies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipart_upload_post_carries_no_key_so_a_server_error_is_not_retried()
    {
        await using var api = new FakeApi((request, _) => request.Path == "/v1/files/uploads"
            ? FakeResponse.Json(200, """{"transport":"multipart","url":"/v1/files","maxFileSizeBytes":100}""")
            : FakeResponse.Json(500, V1Bodies.Envelope));
        using var client = TestClients.Create(api, o => o.MaxRetryAttempts = 5);

        var error = await Assert.ThrowsAsync<EigenpalServerException>(() => client.Files.UploadAsync(Upload));

        Assert.IsNotType<EigenpalOutcomeUnknownException>(error);
        Assert.Equal(1, api.Requests.Count(r => r.Path == "/v1/files"));
    }

    [Fact]
    public async Task Multipart_upload_to_another_origin_is_refused_so_the_key_stays_home()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, """{"transport":"multipart","url":"https://elsewhere.example/v1/files","maxFileSizeBytes":100}"""));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Files.UploadAsync(Upload));

        Assert.Contains("https://elsewhere.example", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Multipart_upload_to_an_absolute_url_on_the_api_origin_is_sent()
    {
        FakeApi? self = null;
        await using var api = new FakeApi((request, _) => request.Path == "/v1/files/uploads"
            ? FakeResponse.Json(200, $$"""{"transport":"multipart","url":"{{self!.BaseUrl}}/api/v1/files","maxFileSizeBytes":100}""")
            : FakeResponse.Json(200, V1Bodies.File));
        self = api;
        using var client = TestClients.Create(api);

        await client.Files.UploadAsync(Upload);

        Assert.Equal("/api/v1/files", api.Requests.Last().RawUrl);
        V1Requests.AssertApiHeaders(api.Requests.Last());
    }

    [Fact]
    public async Task Unknown_transport_is_an_error()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, """{"transport":"carrier-pigeon"}"""));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Files.UploadAsync(Upload));

        Assert.Contains("carrier-pigeon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_and_delete_use_the_file_routes_and_delete_accepts_200_and_204()
    {
        await using var api = new FakeApi((request, i) => request.Method switch
        {
            "GET" => FakeResponse.Json(200, V1Bodies.File),
            _ when i == 1 => FakeResponse.Json(200, """{"deleted":true}"""),
            _ when i == 2 => new FakeResponse(204, null, null),
            _ => FakeResponse.Json(200, """{"deleted":false}"""),
        });
        using var client = TestClients.Create(api);

        var file = await client.Files.GetAsync("file_123");
        Assert.True(await client.Files.DeleteAsync("file_123"));
        Assert.True(await client.Files.DeleteAsync("file_123"));
        Assert.False(await client.Files.DeleteAsync("file_123"));

        Assert.Equal(("input.txt", "text/plain", 5L), (file.FileName, file.ContentType, file.Size));
        Assert.Equal(
            [("GET", "/v1/files/file_123"), ("DELETE", "/v1/files/file_123"), ("DELETE", "/v1/files/file_123"), ("DELETE", "/v1/files/file_123")],
            api.Requests.Select(r => (r.Method, r.RawUrl)));
    }

    [Fact]
    public void A_file_becomes_a_reference_and_an_upload_shows_no_bytes()
    {
        var file = new EigenpalFile("file_9", "a.pdf");
        Assert.Equal(new FileReference("file_9"), file.ToReference());
        Assert.DoesNotContain("hello", Upload.ToString(), StringComparison.Ordinal);
    }
}
