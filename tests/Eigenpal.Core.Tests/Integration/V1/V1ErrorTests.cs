using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.V1;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>Each error the simulator's v1 routes send, mapped to its exception type with the envelope's details.</summary>
public sealed class V1ErrorTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task Missing_required_input_is_a_validation_error_naming_the_field_and_creates_nothing()
    {
        var before = fixture.Sim.GetCounters().ExecutionsCreated;

        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() => _client.Runs.StartAsync(new RunStartRequest { Target = V1Sim.ExtractInvoice }));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("contract_document", Assert.Single(error.Issues).Field, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(before, fixture.Sim.GetCounters().ExecutionsCreated);
    }

    [Fact]
    public async Task Unknown_target_is_not_found()
    {
        var error = await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Runs.StartAsync(new RunStartRequest { Target = "workflows.no-such-flow" }));

        Assert.Equal(("body.target", 404), (Assert.Single(error.Envelope!.Issues).Field, error.StatusCode));
    }

    [Fact]
    public async Task Start_of_an_automation_with_api_triggering_off_is_forbidden_with_a_hint()
    {
        var error = await Assert.ThrowsAsync<EigenpalForbiddenException>(() => _client.Runs.StartAsync(new RunStartRequest { Target = "workflows.archived-flow" }));

        Assert.Equal("api_trigger_disabled", Assert.Single(error.Envelope!.Issues).Code);
        Assert.False(string.IsNullOrEmpty(error.Envelope.Hint));
    }

    [Fact]
    public async Task Unknown_run_and_file_and_automation_are_not_found()
    {
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Runs.GetAsync("exec_nope"));
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Runs.CancelAsync("exec_nope"));
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Runs.RerunAsync("exec_nope"));
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Files.GetAsync("file_nope"));
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => _client.Automations.GetAsync("workflows.nope"));
    }

    [Fact]
    public async Task Wrong_key_is_an_authentication_error_on_every_v1_route_and_shows_no_key()
    {
        const string WrongKey = "eig_live_WRONG_v1_1234abcd";
        using var client = SimulatorClients.Create(fixture.Sim.BaseUrl.ToString(), WrongKey);

        var check = await Assert.ThrowsAsync<EigenpalAuthenticationException>(() => client.Auth.CheckAsync());
        var start = await Assert.ThrowsAsync<EigenpalAuthenticationException>(() => client.Runs.StartAsync(V1Sim.Classify("x")));

        Assert.Equal(401, check.StatusCode);
        SimulatorClients.AssertNoKeyIn(check, WrongKey, SimulatorClients.SecretKey);
        SimulatorClients.AssertNoKeyIn(start, WrongKey, SimulatorClients.SecretKey);
    }

    [Fact]
    public async Task Limit_outside_one_to_a_hundred_is_a_validation_error()
    {
        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() => _client.Runs.ListAsync(new RunListQuery { Limit = 101 }));

        Assert.Equal("query.limit", Assert.Single(error.Issues).Field);
    }

    [Fact]
    public async Task A_cursor_from_other_filters_is_refused()
    {
        await _client.Runs.StartAsync(V1Sim.Classify("a"));
        await _client.Runs.StartAsync(V1Sim.Classify("b"));
        var page = await _client.Runs.ListAsync(new RunListQuery { Limit = 1 });
        Assert.NotNull(page.NextCursor);

        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() => _client.Runs.ListAsync(new RunListQuery { Limit = 1, Cursor = page.NextCursor, Type = "workflow" }));

        Assert.Equal("query.cursor", Assert.Single(error.Issues).Field);
    }

    [Fact]
    public async Task File_over_the_size_cap_is_refused_at_negotiation_with_413_as_the_base_error()
    {
        var big = new byte[104_857_600 + 1]; // one byte over the simulator's per-file cap

        var error = await Assert.ThrowsAsync<EigenpalException>(() => _client.Files.UploadAsync(new FileUpload(big, "big.bin", "application/octet-stream", Guid.NewGuid().ToString("N"))));

        Assert.Equal((413, typeof(EigenpalException)), (error.StatusCode, error.GetType()));
        Assert.NotEmpty(error.Envelope!.Issues);
    }

    [Fact]
    public async Task With_only_the_legacy_surface_the_v1_key_check_is_not_found_and_with_only_v1_the_legacy_list_is()
    {
        await using var sim = await V1Sim.StartAsync(m => m.Surfaces = SurfacesMode.LegacyOnly);
        using var client = SimulatorClients.Create(sim);

        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => client.Auth.CheckAsync());
        await client.Workflows.ListAsync();

        var modes = sim.Modes;
        modes.Surfaces = SurfacesMode.V1Only;
        sim.SetModes(modes);
        await client.Auth.CheckAsync();
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => client.Workflows.ListAsync());
    }

    [Fact]
    public async Task With_one_prefix_served_the_other_is_not_found_and_detection_can_try_both()
    {
        await using var sim = await V1Sim.StartAsync(m => m.V1Prefix = V1PrefixMode.ApiV1);
        using var client = SimulatorClients.Create(sim);

        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => client.Auth.CheckAsync());
        var check = await client.WithV1Prefix("/api/v1").Auth.CheckAsync();

        Assert.True(check.Ok);
        Assert.Equal(1, sim.GetCounters().RequestsTo(V1EndpointNames.CheckAuth));
    }
}
