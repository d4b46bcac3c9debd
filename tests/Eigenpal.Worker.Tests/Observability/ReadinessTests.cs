using System.Net;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary><c>/readyz</c> of a real worker process, as an orchestrator's probe sees it.</summary>
[Collection(PostgresTests.Name)]
public sealed class ReadinessTests(PostgresServer postgres)
{
    private static readonly string[] Checks = ["postgres", "migrations", "hangfire-server", "eigenpal-api"];

    [SkippableFact]
    public async Task Readyz_turns_unready_while_postgres_is_stopped_and_ready_again_when_it_returns()
    {
        Skip.IfNot(postgres.CanRestart, "needs the local PostgreSQL started by scripts/test.sh (a Testcontainers server changes port on restart)");
        await using var observed = await ObservedWorker.StartAsync(postgres);

        var ready = await Eventually.WaitAsync(observed.ReadinessAsync, r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the worker to be ready",
            async () => observed.Scenario.WorkerOutputTail());
        Assert.Equal(Checks.Order(), ready.Checks.Keys.Order());
        Assert.All(ready.Checks.Values, c => Assert.Equal("Healthy", c.Status));

        await postgres.StopAsync();
        try
        {
            var unready = await Eventually.WaitAsync(observed.ReadinessAsync, r => r.Status == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30), "/readyz to answer 503 while PostgreSQL is stopped");
            Assert.Equal("Unhealthy", unready.Checks["postgres"].Status);
            Assert.Equal("PostgreSQL unreachable", unready.Checks["postgres"].Description);
            Assert.DoesNotContain("Password", unready.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("127.0.0.1", unready.Body, StringComparison.Ordinal);
        }
        finally
        {
            await postgres.StartAsync();
        }

        var back = await Eventually.WaitAsync(observed.ReadinessAsync, r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(90),
            "/readyz to answer 200 again once PostgreSQL is back", async () => observed.Scenario.WorkerOutputTail());
        Assert.All(back.Checks.Values, c => Assert.Equal("Healthy", c.Status));
        Assert.False(observed.Worker.HasExited, "the worker should ride out the outage:\n" + observed.Scenario.WorkerOutputTail());
    }

    [Fact]
    public async Task A_refused_key_makes_the_api_check_unhealthy_without_showing_the_key_and_probes_share_one_cached_call()
    {
        var wrongKey = "wrong-key-" + Guid.NewGuid().ToString("N");
        await using var observed = await ObservedWorker.StartAsync(postgres, scenario => scenario.Settings["EIGENPAL_API_KEY"] = wrongKey);
        observed.Scenario.Simulator.Reset();

        var first = await Eventually.WaitAsync(observed.ReadinessAsync, r => r.Checks["hangfire-server"].Status == "Healthy", TimeSpan.FromSeconds(60),
            "this worker's Hangfire servers to heartbeat", async () => observed.Scenario.WorkerOutputTail());
        var probes = new List<Readiness> { first };
        for (var i = 0; i < 5; i++)
        {
            probes.Add(await observed.ReadinessAsync());
        }

        Assert.All(probes, probe =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.Status);
            Assert.Equal(("Unhealthy", "API key refused"), probe.Checks["eigenpal-api"]);
            Assert.Equal("Healthy", probe.Checks["postgres"].Status);
            Assert.Equal("Healthy", probe.Checks["migrations"].Status);
            Assert.DoesNotContain(wrongKey, probe.Body, StringComparison.Ordinal);
        });
        var counters = observed.Scenario.Simulator.GetCounters();
        Assert.Equal(1, counters.RequestsTo(EndpointNames.ListWorkflows));
        Assert.Equal(1, counters.Unauthorized);
    }
}
