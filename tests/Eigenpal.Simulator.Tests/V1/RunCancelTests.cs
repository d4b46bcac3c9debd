using System.Net;
using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Time.Testing;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>
/// <c>POST /v1/runs/{id}/cancel</c> and its three outcomes, on a fake clock: classify-text takes
/// 10 s (pending from 0.5 s, running from 1.5 s).
/// </summary>
public sealed class RunCancelTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SimulatorHost host = null!;
    private V1Api api = null!;

    public async Task InitializeAsync()
    {
        host = await SimulatorHost.StartAsync(
            o =>
            {
                o.Seed = 1;
                o.Workflows["classify-text"] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(10_000), FailureRate = 0, RejectionRate = 0 };
            },
            clock);
        api = new V1Api(host);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_run_is_cancelled_at_once()
    {
        var id = await api.StartTextAsync("queued");
        var (response, body) = await api.PostAsync($"runs/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["cancellation", "execution", "finished", "id", "type"], Keys(body));
        Assert.Equal("cancelled", body["cancellation"]!["state"]!.GetValue<string>());
        Assert.Equal("created", body["cancellation"]!["wasStatus"]!.GetValue<string>());
        Assert.Equal("cancelled", body["execution"]!["status"]!.GetValue<string>());
        Assert.True(body["finished"]!.GetValue<bool>());
        var run = await api.RunAsync(id);
        Assert.Equal("2026-03-01T12:00:00.000Z", run["timing"]!["cancelRequestedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_running_run_gets_a_request_twice_then_ends_cancelled_and_an_ended_one_is_already_terminal()
    {
        var id = await api.StartTextAsync("running");
        clock.Advance(TimeSpan.FromSeconds(2));
        var (_, first) = await api.PostAsync($"runs/{id}/cancel");
        Assert.Equal("requested", first["cancellation"]!["state"]!.GetValue<string>());
        Assert.Equal("running", first["cancellation"]!["wasStatus"]!.GetValue<string>());
        Assert.Equal("running", first["execution"]!["status"]!.GetValue<string>());
        Assert.False(first["finished"]!.GetValue<bool>());
        clock.Advance(TimeSpan.FromSeconds(1));
        var (_, second) = await api.PostAsync($"runs/{id}/cancel");
        Assert.Equal("requested", second["cancellation"]!["state"]!.GetValue<string>());
        Assert.Equal("2026-03-01T12:00:02.000Z", (await api.RunAsync(id))["timing"]!["cancelRequestedAt"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("cancelled", await api.StatusAsync(id));
        var (_, third) = await api.PostAsync($"runs/{id}/cancel");
        Assert.Equal("already_terminal", third["cancellation"]!["state"]!.GetValue<string>());
        Assert.Equal("cancelled", third["cancellation"]!["wasStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_an_unknown_run_is_a_404()
    {
        var (response, body) = await api.PostAsync("runs/exec_nope/cancel");
        V1Api.AssertEnvelope(response, body, 404, "path.id", "not_found");
    }
}
