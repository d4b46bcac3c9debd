using System.Net;
using System.Text;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Modes;
using Microsoft.Extensions.Configuration;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>The v1 modes bind from configuration by name, round-trip through <c>/_sim/modes</c>, and are validated at start and at run time.</summary>
public sealed class V1ModeValidationTests
{
    [Fact]
    public void V1_modes_bind_from_the_Simulator_Modes_section_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Modes:Surfaces"] = "V1Only",
            ["Simulator:Modes:V1Prefix"] = "ApiV1",
            ["Simulator:Modes:MetadataEcho"] = "Dropped",
            ["Simulator:Modes:V1MaxPageSize"] = "20",
            ["Simulator:Modes:V1ShortPageRate"] = "0.5",
            ["Simulator:Modes:SourceFilter"] = "IdOrSlug",
            ["Simulator:Modes:RerunChain"] = "Empty",
            ["Simulator:Modes:FileReferences"] = "FilesMapOnly",
            ["Simulator:Modes:UploadTransport"] = "PresignedPut",
            ["Simulator:Modes:UploadIdempotency"] = "ConflictOnMismatch",
            ["Simulator:Modes:UploadUrlLifetimeSeconds"] = "30",
            ["Simulator:Modes:WaitTimeoutBody"] = "Accepted",
        }).Build();
        var modes = new SimulatorOptions();
        configuration.GetSection(SimulatorOptions.SectionName).Bind(modes);
        var m = modes.Modes;
        Assert.Equal(
            (SurfacesMode.V1Only, V1PrefixMode.ApiV1, MetadataEchoMode.Dropped, 20, 0.5, SourceFilterMode.IdOrSlug),
            (m.Surfaces, m.V1Prefix, m.MetadataEcho, m.V1MaxPageSize, m.V1ShortPageRate, m.SourceFilter));
        Assert.Equal(
            (RerunChainMode.Empty, FileReferencesMode.FilesMapOnly, UploadTransportMode.PresignedPut, UploadIdempotencyMode.ConflictOnMismatch, 30, WaitTimeoutBodyMode.Accepted),
            (m.RerunChain, m.FileReferences, m.UploadTransport, m.UploadIdempotency, m.UploadUrlLifetimeSeconds, m.WaitTimeoutBody));
    }

    [Fact]
    public async Task Invalid_v1_modes_fail_the_start_with_every_problem()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SimulatorHost.StartAsync(o =>
        {
            o.Modes.V1MaxPageSize = 101;
            o.Modes.V1ShortPageRate = 2;
            o.Modes.UploadUrlLifetimeSeconds = 0;
            o.Modes.Surfaces = (SurfacesMode)9;
        }));
        foreach (var name in new[] { "V1MaxPageSize", "V1ShortPageRate", "UploadUrlLifetimeSeconds", "Surfaces" })
        {
            Assert.Contains($"Simulator:Modes:{name}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task V1_modes_round_trip_through_the_admin_endpoint_and_a_bad_put_changes_nothing()
    {
        await using var host = await V1Fixture.StartAsync();
        using var admin = new HttpClient { BaseAddress = host.BaseUrl };
        var put = await admin.PutAsync("_sim/modes", new StringContent("""{"uploadTransport":"presignedPut","sourceFilter":"Ignored","v1MaxPageSize":10}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var answered = await BodyAsync(put);
        Assert.Equal("PresignedPut", answered["uploadTransport"]!.GetValue<string>());
        Assert.Equal("Both", answered["surfaces"]!.GetValue<string>());
        Assert.Equal(SourceFilterMode.Ignored, host.Modes.SourceFilter);

        var bad = await admin.PutAsync("_sim/modes", new StringContent("""{"v1MaxPageSize":0,"rerunChain":5}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(2, (await BodyAsync(bad))["issues"]!.AsArray().Count);
        Assert.Equal(10, host.Modes.V1MaxPageSize);
    }
}
