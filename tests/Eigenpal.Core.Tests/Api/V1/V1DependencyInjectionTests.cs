using System.Collections.Concurrent;
using System.Text;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>The v1 clients of a client from dependency injection: the prefix is bound from configuration, and host handlers never see the storage PUT.</summary>
public sealed class V1DependencyInjectionTests
{
    [Fact]
    public async Task Prefix_is_bound_from_configuration_and_the_storage_put_bypasses_the_api_pipeline()
    {
        FakeApi? self = null;
        await using var api = new FakeApi((request, _) => (request.Method, request.Path) switch
        {
            ("POST", "/api/v1/files/uploads") => FakeResponse.Json(200, $$"""
                {"transport":"presigned-put","uploadId":"fup_1","fileId":"file_123","url":"{{self!.BaseUrl}}/_storage/obj","headers":{},"expiresAt":"2026-12-01T23:30:00Z","maxFileSizeBytes":100}
                """),
            ("PUT", _) => new FakeResponse(200, null, null),
            _ => FakeResponse.Json(200, V1Bodies.File),
        });
        self = api;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eigenpal:ApiKey"] = TestClients.ApiKey,
            ["Eigenpal:BaseUrl"] = api.BaseUrl,
            ["Eigenpal:V1Prefix"] = "/api/v1",
        }).Build());
        var seen = new RecordingHandler();
        services.AddEigenpalClient().AddHttpMessageHandler(() => seen);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<EigenpalClient>();

        await client.Files.UploadAsync(new FileUpload(Encoding.UTF8.GetBytes("hello"), "a.txt", "text/plain", "k1"));

        Assert.Equal(["POST /api/v1/files/uploads", "PUT /_storage/obj", "POST /api/v1/files/uploads/fup_1/complete"], api.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(["POST /api/v1/files/uploads", "POST /api/v1/files/uploads/fup_1/complete"], seen.Requests);
        Assert.Null(api.Requests.Single(r => r.Method == "PUT").Headers["Authorization"]);
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        private readonly ConcurrentQueue<string> _requests = new();

        public IEnumerable<string> Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
