using System.Net;
using System.Text;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>The existing faults on the v1 routes: lost responses after the fact, 429 with Retry-After, scoped 5xx, and per-route counters.</summary>
public sealed class V1FaultTests
{
    [Fact]
    public async Task A_lost_start_response_leaves_a_run_whose_metadata_a_client_can_find()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Faults.LostRunResponseRate = 1);
        using var api = new V1Api(host);
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            api.Http.PostAsync("v1/runs", V1Api.Json("""{"target":"workflows.classify-text","input":{"text":"lost"},"metadata":{"attempt":"a-1"}}""")));
        var counters = host.GetCounters();
        Assert.Equal((1, 1, 1), (counters.ExecutionsCreated, counters.LostResponses, counters.RequestsTo(V1EndpointNames.StartRun)));

        var listed = Assert.Single((await api.ListAllAsync("source=wf_c3p9classifytx")).Runs);
        var run = await api.RunAsync(listed["id"]!.GetValue<string>(), "input");
        Assert.Equal("a-1", run["input"]!["metadata"]!["attempt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_lost_negotiation_response_leaves_a_session_the_same_key_finds()
    {
        await using var host = await V1Fixture.StartAsync(o => { o.Faults.LostRunResponseRate = 1; o.Faults.Endpoints = [V1EndpointNames.CreateUpload]; });
        using var api = new V1Api(host);
        var negotiation = """{"filename":"a.txt","contentType":"text/plain","size":5,"idempotencyKey":"lost-key"}""";
        await Assert.ThrowsAsync<HttpRequestException>(() => api.Http.PostAsync("v1/files/uploads", V1Api.Json(negotiation)));
        host.SetFaults(new FaultOptions());
        var file = await api.UploadAsync(Encoding.UTF8.GetBytes("hello"), "a.txt", "lost-key");
        Assert.StartsWith("file_", file["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var counters = host.GetCounters();
        Assert.Equal((1, 1, 1), (counters.LostResponses, counters.UploadSessionsCreated, counters.FilesCreated));
    }

    [Fact]
    public async Task Rate_limits_and_scoped_server_errors_apply_to_v1_routes()
    {
        await using var host = await V1Fixture.StartAsync(o => { o.Faults.RateLimitPerSecond = 0.5; o.Faults.RateLimitBurst = 1; });
        using var api = new V1Api(host);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("auth/check")).Response.StatusCode);
        var (limited, body) = await api.GetAsync("runs");
        V1Api.AssertEnvelope(limited, body, 429, "<root>", "rate_limited");
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        host.SetFaults(new FaultOptions { ServerErrorRate = 1, Endpoints = [V1EndpointNames.StartRun] });
        var (failed, _) = await api.StartAsync("""{"target":"workflows.classify-text","input":{"text":"x"}}""");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("runs")).Response.StatusCode);
        Assert.Equal(0, host.GetCounters().ExecutionsCreated);
    }

    [Fact]
    public async Task Counters_name_each_v1_route_once_whatever_the_prefix()
    {
        await using var host = await V1Fixture.StartAsync();
        using var v1 = new V1Api(host);
        using var apiV1 = new V1Api(host, "api/v1");
        var id = await v1.StartTextAsync("counted");
        await apiV1.RunAsync(id);
        await v1.RunAsync(id);
        await apiV1.GetAsync("runs");
        await v1.GetAsync("automations");
        var counters = host.GetCounters();
        Assert.Equal(2, counters.RequestsTo(V1EndpointNames.GetRun));
        Assert.Equal(4, counters.RequestsToFamily("runs"));
        Assert.Equal(1, counters.RequestsToFamily("automations"));
        Assert.Equal(0, counters.RequestsTo("unknown"));
        Assert.Contains(V1EndpointNames.StoragePut, counters.Requests.Keys);
    }

    [Fact]
    public void V1_endpoint_names_scope_faults_and_unknown_names_are_refused()
    {
        Assert.Empty(FaultOptionsValidator.Validate(new FaultOptions { Endpoints = [.. V1EndpointNames.All] }));
        Assert.Single(FaultOptionsValidator.Validate(new FaultOptions { Endpoints = ["runs.nope"] }));
    }
}
