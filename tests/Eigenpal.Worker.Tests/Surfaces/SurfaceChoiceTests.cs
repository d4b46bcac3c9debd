using Eigenpal.Api;
using Eigenpal.Simulator.V1.Modes;
using Eigenpal.Surfaces;
using Eigenpal.Worker.Tests.Infrastructure;
using Eigenpal.Worker.Tests.Sending;

namespace Eigenpal.Worker.Tests.Surfaces;

/// <summary>
/// <c>Eigenpal:Api</c> (issue 8, "Choice of surface"): <c>auto</c> asks the service once which
/// surface answers — v1 under either prefix, else legacy — and a key or URL that fits neither fails
/// with a message naming every route tried; <c>legacy</c> and <c>v1</c> are taken as configured.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SurfaceChoiceTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    private static Dictionary<string, string?> Api(string api, string? prefix = null) =>
        prefix is null ? new() { ["Eigenpal:Api"] = api } : new() { ["Eigenpal:Api"] = api, ["Eigenpal:V1Prefix"] = prefix };

    [Fact]
    public async Task Auto_chooses_v1_on_a_service_that_serves_both_and_asks_only_once()
    {
        var harness = Harness(Api("auto"));

        Assert.Equal(ApiSurface.V1, await harness.NewSurfaces().ChooseAsync(CancellationToken.None));
        Assert.Equal(ApiSurface.V1, await harness.NewSurfaces().ChooseAsync(CancellationToken.None));

        Assert.Equal(1, Simulator.GetCounters().RequestsTo("auth.check"));
    }

    [Fact]
    public async Task Auto_finds_the_api_v1_prefix_when_the_service_serves_only_that_one_and_runs_go_there()
    {
        Modes(m => m.V1Prefix = V1PrefixMode.ApiV1);
        var harness = Harness(Api("auto"));
        var id = await RecordInvoiceAsync(1);

        Assert.Equal(Submissions.SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal("v1", await AttemptAsync<string>(id, "surface"));
        Assert.Contains(harness.Requests.Entries, r => r.Method == "POST" && r.Path == "/api/v1/runs" && r.Status == 201);
        Assert.Contains(harness.Requests.Entries, r => r.Path == "/v1/auth/check" && r.Status == 404);
    }

    [Fact]
    public async Task Auto_chooses_legacy_on_a_service_without_v1_routes()
    {
        Modes(m => m.Surfaces = SurfacesMode.LegacyOnly);
        var harness = Harness(Api("auto"));
        var id = await RecordInvoiceAsync(1);

        Assert.Equal(ApiSurface.Legacy, await harness.NewSurfaces().ChooseAsync(CancellationToken.None));
        Assert.Equal(Submissions.SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal("legacy", await AttemptAsync<string>(id, "surface"));
        Assert.Equal(1, Simulator.GetCounters().RequestsTo("runWorkflow"));
    }

    [Fact]
    public async Task A_key_that_fits_no_surface_fails_naming_every_route_tried_and_never_the_key()
    {
        var harness = SenderHarness.Create(Database.ConnectionString, Simulator.BaseUrl, "eg_not_a_key_of_this_service", Api("auto"));
        await using var _ = harness;

        var error = await Assert.ThrowsAsync<EigenpalConfigurationException>(() => harness.NewSurfaces().ChooseAsync(CancellationToken.None));

        Assert.Contains("GET /v1/auth/check → 401, the key was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/v1/auth/check → 401, the key was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/v1/workflows?limit=1 → 401, the key was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("Eigenpal:Api", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eg_not_a_key_of_this_service", error.Message, StringComparison.Ordinal);
        Assert.False(SurfaceProbe.IsUnreachable(error));
    }

    [Fact]
    public async Task A_url_where_nothing_answers_fails_as_unreachable_so_the_worker_asks_again()
    {
        var nowhere = new Uri("http://127.0.0.1:9/");
        var harness = Harness(Api("auto"), nowhere);

        var error = await Assert.ThrowsAsync<EigenpalConfigurationException>(() => harness.NewSurfaces().ChooseAsync(CancellationToken.None));

        Assert.Contains("no answer", error.Message, StringComparison.Ordinal);
        Assert.True(SurfaceProbe.IsUnreachable(error));
    }

    [Theory]
    [InlineData("legacy", ApiSurface.Legacy)]
    [InlineData("v1", ApiSurface.V1)]
    [InlineData(" V1 ", ApiSurface.V1)]
    public async Task A_configured_surface_is_taken_without_asking(string api, ApiSurface expected)
    {
        var harness = Harness(Api(api));

        Assert.Equal(expected, await harness.NewSurfaces().ChooseAsync(CancellationToken.None));

        Assert.Equal(0, Simulator.GetCounters().RequestsTo("auth.check"));
    }

    [Fact]
    public async Task An_unknown_setting_is_refused_naming_the_choices()
    {
        var harness = Harness(Api("v2"));

        var error = await Assert.ThrowsAsync<EigenpalConfigurationException>(() => harness.NewSurfaces().ChooseAsync(CancellationToken.None));

        Assert.Equal("Eigenpal:Api is 'v2'; use auto, legacy or v1.", error.Message);
    }
}

/// <summary>The worker process itself: with a key that fits no surface it does not start, and says what it tried.</summary>
[Collection(PostgresTests.Name)]
public sealed class WorkerSurfaceStartTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_worker_whose_key_fits_no_surface_stops_at_start_naming_what_it_tried()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: "auto");
        scenario.Settings["EIGENPAL_API_KEY"] = "eg_revoked_key_0000";
        var worker = scenario.StartWorker();

        await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, worker.ExitCode);
        Assert.Contains("Eigenpal:Api=auto: no Eigenpal API surface answered", worker.Output, StringComparison.Ordinal);
        Assert.Contains("GET /v1/auth/check → 401, the key was refused", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("eg_revoked_key_0000", worker.Output, StringComparison.Ordinal);
        Assert.Equal(0, scenario.Simulator.GetCounters().RequestsTo("runs.start") + scenario.Simulator.GetCounters().RequestsTo("runWorkflow"));
    }

    [Fact]
    public async Task A_worker_on_auto_logs_the_surface_it_chose()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, surface: "auto");
        var worker = scenario.StartWorker();

        await Eventually.WaitAsync(() => Task.FromResult(worker.Output), o => o.Contains("New runs go on the v1 surface", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the worker to log its surface", () => Task.FromResult(worker.Output));
        Assert.Contains("/v1 at " + scenario.Simulator.BaseUrl, worker.Output, StringComparison.Ordinal);
    }
}
