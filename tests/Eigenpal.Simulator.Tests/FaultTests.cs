using System.Net;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests;

/// <summary>Each injected fault, on its own simulator so faults never leak between tests.</summary>
public sealed class FaultTests
{
    private static async Task<SimulatorHost> StartAsync(Action<FaultOptions> faults) =>
        await SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            faults(o.Faults);
        });

    [Fact]
    public async Task Rate_limit_answers_429_with_integer_retry_after_and_envelope()
    {
        await using var host = await StartAsync(f => { f.RateLimitPerSecond = 0.5; f.RateLimitBurst = 2; });
        using var api = new Api(host);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(Base)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(Base)).StatusCode);
        var (limited, body) = await api.GetAsync(Base);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds >= 1, retryAfter);
        WireFormatTests.AssertEnvelope(limited, body, "rate_limited");
        Assert.Equal(1, host.GetCounters().RateLimited);
    }

    [Fact]
    public async Task Server_error_rate_of_one_fails_every_scoped_request()
    {
        await using var host = await StartAsync(f => { f.ServerErrorRate = 1.0; f.ServiceUnavailableShare = 0; f.Methods = ["GET"]; });
        using var api = new Api(host);
        var (response, body) = await api.GetAsync(Base);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        WireFormatTests.AssertEnvelope(response, body, "internal_error");
        var (run, _) = await api.PostJsonAsync($"{Base}/classify-text/run", """{"input":{"text":"posts are not in scope"}}""");
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);

        host.SetFaults(new FaultOptions { ServerErrorRate = 1.0, ServiceUnavailableShare = 1.0 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Http.GetAsync(Base)).StatusCode);
        Assert.Equal(2, host.GetCounters().ServerErrors);
    }

    [Fact]
    public async Task Lost_run_response_creates_the_execution_but_the_client_sees_a_connection_error()
    {
        await using var host = await StartAsync(f => f.LostRunResponseRate = 1.0);
        using var api = new Api(host);
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            api.Http.PostAsync($"{Base}/classify-text/run", new StringContent("""{"input":{"text":"lost"}}""", System.Text.Encoding.UTF8, "application/json")));
        var counters = host.GetCounters();
        Assert.Equal(1, counters.ExecutionsCreated);
        Assert.Equal(1, counters.LostResponses);

        // The run exists and can be found by its input, as a reconciling client would.
        var (_, list) = await api.GetAsync($"{Base}/classify-text/executions");
        Assert.Equal("lost", Assert.Single(list["data"]!.AsArray())!["triggerInput"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hung_request_never_answers_before_the_client_gives_up()
    {
        await using var host = await StartAsync(f => { f.HangRate = 1.0; f.HangMs = 30_000; f.Endpoints = ["getExecution"]; });
        using var api = new Api(host, timeout: TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<TaskCanceledException>(() => api.Http.GetAsync($"{Base}/executions/exec_any"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));

        // The unscoped route answers; asked with the default timeout, since 300 ms is too short for a loaded 2-core host.
        using var patient = new Api(host);
        Assert.Equal(HttpStatusCode.OK, (await patient.Http.GetAsync(Base)).StatusCode);
        Assert.Equal(1, host.GetCounters().Hung);
    }

    [Fact]
    public async Task Latency_delays_answers()
    {
        await using var host = await StartAsync(f => { f.LatencyMinMs = 200; f.LatencyMaxMs = 250; });
        using var api = new Api(host);
        var started = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(Base)).StatusCode);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public async Task Faults_can_be_replaced_and_read_through_the_admin_endpoint()
    {
        await using var host = await StartAsync(_ => { });
        using var admin = new HttpClient { BaseAddress = host.BaseUrl };
        var put = await admin.PutAsync("_sim/faults", new StringContent("""{"serverErrorRate":1,"endpoints":["listWorkflows"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var api = new Api(host);
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.Http.GetAsync(Base)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync($"{Base}/classify-text")).StatusCode);

        var invalid = await admin.PutAsync("_sim/faults", new StringContent("""{"serverErrorRate":2}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("_sim/health")).StatusCode);
    }

    [Fact]
    public async Task Invalid_options_fail_the_start()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => SimulatorHost.StartAsync(o => { o.TimeScale = 0; o.Faults.HangRate = 3; }));
    }
}
