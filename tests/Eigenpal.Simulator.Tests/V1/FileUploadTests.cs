using System.Net;
using System.Text;
using System.Text.Json;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Modes;
using Microsoft.Extensions.Time.Testing;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>Upload negotiation, both transports, the idempotency modes, and the file routes.</summary>
public sealed class FileUploadTests
{
    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("hello");

    private static StringContent Negotiation(string key, int size = 5, string name = "input.txt") =>
        V1Api.Json(JsonSerializer.Serialize(new { filename = name, contentType = "text/plain", size, idempotencyKey = key }));

    [Fact]
    public async Task A_multipart_upload_makes_a_file_that_can_be_read_back_and_deleted()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var (negotiated, session) = await api.PostAsync("files/uploads", Negotiation("k1"));
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        Assert.Equal(["maxFileSizeBytes", "transport", "url"], Keys(session));
        Assert.StartsWith("/v1/files?uploadId=fup_", session["url"]!.GetValue<string>(), StringComparison.Ordinal);

        var file = await api.UploadAsync(Hello, "input.txt", "k2");
        Assert.Equal(["contentType", "createdAt", "filename", "id", "purpose", "size"], Keys(file));
        var id = file["id"]!.GetValue<string>();
        Assert.StartsWith("file_", id, StringComparison.Ordinal);
        Assert.Equal(5, file["size"]!.GetValue<long>());
        Assert.Equal(id, (await api.GetAsync($"files/{id}")).Body["id"]!.GetValue<string>());
        Assert.Equal("hello", await api.Http.GetStringAsync($"v1/files/{id}/content"));

        var (deleted, answer) = await api.DeleteAsync($"files/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True(answer["deleted"]!.GetValue<bool>());
        var (gone, body) = await api.GetAsync($"files/{id}");
        V1Api.AssertEnvelope(gone, body, 404, "path.id");
        Assert.Equal(2, host.GetCounters().RequestsToFamily("files.uploads"));
    }

    [Fact]
    public async Task A_plain_multipart_post_makes_a_new_file_each_time()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        async Task<string> PostAsync()
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Hello), "file", "a.txt" }, { new StringContent("run-input"), "purpose" } };
            var (response, body) = await api.PostAsync("files", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("run-input", body["purpose"]!.GetValue<string>());
            return body["id"]!.GetValue<string>();
        }

        Assert.NotEqual(await PostAsync(), await PostAsync());
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var (missing, refused) = await api.PostAsync("files", empty);
        V1Api.AssertEnvelope(missing, refused, 400, "body.file");
    }

    [Theory]
    [InlineData(UploadTransportMode.Multipart)]
    [InlineData(UploadTransportMode.PresignedPut)]
    public async Task A_repeated_key_gives_the_same_file_by_default(UploadTransportMode transport)
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.UploadTransport = transport);
        using var api = new V1Api(host);
        var first = await api.UploadAsync(Hello, "same.txt", "same-key");
        var second = await api.UploadAsync(Hello, "same.txt", "same-key");
        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        var counters = host.GetCounters();
        Assert.Equal((1, 1), (counters.UploadSessionsCreated, counters.FilesCreated));
    }

    [Fact]
    public async Task With_NewFile_keys_are_ignored()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.UploadIdempotency = UploadIdempotencyMode.NewFile);
        using var api = new V1Api(host);
        Assert.NotEqual((await api.UploadAsync(Hello, "a.txt", "k"))["id"]!.GetValue<string>(), (await api.UploadAsync(Hello, "a.txt", "k"))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_ConflictOnMismatch_a_key_reused_for_another_size_is_409()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.UploadIdempotency = UploadIdempotencyMode.ConflictOnMismatch);
        using var api = new V1Api(host);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("files/uploads", Negotiation("k"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("files/uploads", Negotiation("k"))).Response.StatusCode);
        var (response, body) = await api.PostAsync("files/uploads", Negotiation("k", size: 6));
        V1Api.AssertEnvelope(response, body, 409, "body.idempotencyKey", "idempotency_key_mismatch");
    }

    [Fact]
    public async Task A_presigned_upload_is_put_without_a_key_then_completed_once()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.UploadTransport = UploadTransportMode.PresignedPut);
        using var api = new V1Api(host);
        var (_, session) = await api.PostAsync("files/uploads", Negotiation("p1"));
        Assert.Equal(["expiresAt", "fileId", "headers", "maxFileSizeBytes", "transport", "uploadId", "url"], Keys(session));
        Assert.Equal("presigned-put", session["transport"]!.GetValue<string>());
        Assert.StartsWith(host.BaseUrl.ToString().TrimEnd('/') + "/_storage/fup_", session["url"]!.GetValue<string>(), StringComparison.Ordinal);
        var uploadId = session["uploadId"]!.GetValue<string>();

        var (early, earlyBody) = await api.PostAsync($"files/uploads/{uploadId}/complete");
        V1Api.AssertEnvelope(early, earlyBody, 400, "path.uploadId");
        Assert.Equal(HttpStatusCode.BadRequest, (await V1Api.PutToStorageAsync(session, Hello, withAuthorization: true)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await V1Api.PutToStorageAsync(session, [1, 2])).StatusCode);
        using (var storage = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await storage.PutAsync(session["url"]!.GetValue<string>(), new ByteArrayContent(Hello))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await V1Api.PutToStorageAsync(session, Hello)).StatusCode);
        var (completed, file) = await api.PostAsync($"files/uploads/{uploadId}/complete");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(session["fileId"]!.GetValue<string>(), file["id"]!.GetValue<string>());
        Assert.Equal(file["id"]!.ToJsonString(), (await api.PostAsync($"files/uploads/{uploadId}/complete")).Body["id"]!.ToJsonString());
        Assert.False((await api.DeleteAsync($"files/uploads/{uploadId}")).Body["aborted"]!.GetValue<bool>());
        Assert.Equal(4, host.GetCounters().RequestsTo(Simulator.V1.V1EndpointNames.StoragePut));
    }

    [Fact]
    public async Task An_aborted_upload_is_gone_and_frees_its_key()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.UploadTransport = UploadTransportMode.PresignedPut);
        using var api = new V1Api(host);
        var (_, session) = await api.PostAsync("files/uploads", Negotiation("abort-me"));
        var uploadId = session["uploadId"]!.GetValue<string>();
        var (aborted, body) = await api.DeleteAsync($"files/uploads/{uploadId}");
        Assert.Equal(HttpStatusCode.OK, aborted.StatusCode);
        Assert.Equal(["aborted"], Keys(body));
        Assert.True(body["aborted"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await V1Api.PutToStorageAsync(session, Hello)).StatusCode);
        var (complete, completeBody) = await api.PostAsync($"files/uploads/{uploadId}/complete");
        V1Api.AssertEnvelope(complete, completeBody, 404, "path.uploadId");
        var (_, again) = await api.PostAsync("files/uploads", Negotiation("abort-me"));
        Assert.NotEqual(uploadId, again["uploadId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_storage_url_is_refused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await SimulatorHost.StartAsync(
            o => { o.Modes.UploadTransport = UploadTransportMode.PresignedPut; o.Modes.UploadUrlLifetimeSeconds = 60; },
            clock);
        using var api = new V1Api(host);
        var (_, session) = await api.PostAsync("files/uploads", Negotiation("late"));
        Assert.Equal("2026-03-01T12:01:00.000Z", session["expiresAt"]!.GetValue<string>());
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Forbidden, (await V1Api.PutToStorageAsync(session, Hello)).StatusCode);

        // The same key then gets a fresh session that still promises the same file.
        var (_, renewed) = await api.PostAsync("files/uploads", Negotiation("late"));
        Assert.NotEqual(session["uploadId"]!.GetValue<string>(), renewed["uploadId"]!.GetValue<string>());
        Assert.Equal(session["fileId"]!.GetValue<string>(), renewed["fileId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await V1Api.PutToStorageAsync(renewed, Hello)).StatusCode);
    }

    [Theory]
    [InlineData("""{"contentType":"text/plain","size":1}""", 400, "body.filename")]
    [InlineData("""{"filename":"a","size":1}""", 400, "body.contentType")]
    [InlineData("""{"filename":"a","contentType":"text/plain","size":-1}""", 400, "body.size")]
    [InlineData("""{"filename":"a","contentType":"text/plain","size":1,"purpose":"forever"}""", 400, "body.purpose")]
    [InlineData("""{"filename":"a","contentType":"text/plain","size":1,"idempotencyKey":""}""", 400, "body.idempotencyKey")]
    [InlineData("""{"filename":"a","contentType":"text/plain","size":104857601}""", 413, "body.size")]
    public async Task Bad_negotiations_are_refused(string json, int status, string field)
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var (response, body) = await api.PostAsync("files/uploads", V1Api.Json(json));
        V1Api.AssertEnvelope(response, body, status, field);
    }

    [Fact]
    public async Task Unknown_files_and_uploads_are_404s()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        V1Api.AssertEnvelope((await api.GetAsync("files/file_nope")).Response, (await api.GetAsync("files/file_nope")).Body, 404, "path.id");
        var (deleted, body) = await api.DeleteAsync("files/file_nope");
        V1Api.AssertEnvelope(deleted, body, 404, "path.id");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("v1/files/file_nope/content")).StatusCode);
        var (aborted, abortBody) = await api.DeleteAsync("files/uploads/fup_nope");
        V1Api.AssertEnvelope(aborted, abortBody, 404, "path.uploadId");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Hello), "file", "a.txt" } };
        var (posted, postBody) = await api.PostAsync("files?uploadId=fup_nope", form);
        V1Api.AssertEnvelope(posted, postBody, 400, "query.uploadId");
    }
}
